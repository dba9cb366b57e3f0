package io.recoverymanager.systemd.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;

/**
 * The one method of systemd-machined's manager ({@code org.freedesktop.machine1.Manager}) the
 * master needs: which registered machine (container or VM) a process belongs to.
 *
 * <p>Thread-safety: proxies are safe for use from any thread.
 */
@DBusInterfaceName("org.freedesktop.machine1.Manager")
public interface MachineManager extends DBusInterface {
    /** The bus name machined owns. */
    String BUS_NAME = "org.freedesktop.machine1";

    /** The manager's object path. */
    String OBJECT_PATH = "/org/freedesktop/machine1";

    /** The machine interface, whose {@code Name} property is the machine's name. */
    String MACHINE_INTERFACE = "org.freedesktop.machine1.Machine";

    /** The D-Bus error machined answers for a process of no registered machine. */
    String NO_MACHINE_FOR_PID = "org.freedesktop.machine1.NoMachineForPID";

    /** The object path of the machine {@code pid} belongs to ({@code GetMachineByPID(u) → o}). */
    @DBusMemberName("GetMachineByPID")
    DBusPath getMachineByPid(UInt32 pid);
}
