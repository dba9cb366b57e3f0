package io.recoverymanager.daemon.it;

import io.recoverymanager.systemd.dbus.MachineManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A stand-in for systemd-machined on a sandbox's bus: a process belongs to machine {@code M} when
 * its environment holds {@code FAKE_MACHINE=M} (real machined looks at the process's cgroup). It
 * answers {@code GetMachineByPID} and the machine's {@code Name} property, and records every pid it
 * was asked about.
 *
 * <p>Thread-safety: safe for use from any thread.
 */
public final class FakeMachined implements AutoCloseable {
    /** The variable that puts a process into a machine. */
    public static final String VARIABLE = "FAKE_MACHINE";

    private static final String MACHINE_PATH = MachineManager.OBJECT_PATH + "/machine/";

    private final DBusConnection connection;
    private final List<Long> asked = new CopyOnWriteArrayList<>();

    private FakeMachined(DBusConnection connection) {
        this.connection = connection;
    }

    /** Claims {@code org.freedesktop.machine1} on the bus at {@code address}. */
    public static FakeMachined on(String address) throws DBusException {
        DBusConnection c =
                DBusConnectionBuilder.forAddress(address).withShared(false).build();
        FakeMachined fake = new FakeMachined(c);
        c.exportObject(MachineManager.OBJECT_PATH, fake.new Manager());
        c.requestBusName(MachineManager.BUS_NAME);
        return fake;
    }

    /** The pids machined was asked about, in order. */
    public List<Long> asked() {
        return List.copyOf(asked);
    }

    private Optional<String> machineOf(long pid) {
        try {
            String environ = new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
            for (String entry : environ.split("\0")) {
                if (entry.startsWith(VARIABLE + "=")) {
                    return Optional.of(entry.substring(VARIABLE.length() + 1));
                }
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DBusExecutionException("cannot read the environment of " + pid + ": " + e);
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }

    /** {@code org.freedesktop.machine1.Manager} at {@code /org/freedesktop/machine1}. */
    private final class Manager implements MachineManager {
        @Override
        @SuppressWarnings("removal") // setType: how dbus-java 5 names the D-Bus error of an exception
        public DBusPath getMachineByPid(UInt32 pid) {
            asked.add(pid.longValue());
            String name = machineOf(pid.longValue()).orElseThrow(() -> {
                DBusExecutionException e =
                        new DBusExecutionException("PID " + pid + " does not belong to any known machine");
                e.setType(MachineManager.NO_MACHINE_FOR_PID);
                return e;
            });
            String path = MACHINE_PATH + name;
            try {
                connection.exportObject(path, new Machine(path, name));
            } catch (DBusException e) {
                // exported by an earlier question already
            }
            return new DBusPath(path);
        }

        @Override
        public String getObjectPath() {
            return MachineManager.OBJECT_PATH;
        }
    }

    /** One machine: its {@code Name} property. */
    private record Machine(String path, String name) implements Properties {
        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String iface, String property) {
            if (MachineManager.MACHINE_INTERFACE.equals(iface) && "Name".equals(property)) {
                return (A) name;
            }
            throw new DBusExecutionException("no property " + iface + "." + property);
        }

        @Override
        public <A> void Set(String iface, String property, A value) {
            throw new DBusExecutionException("read-only");
        }

        @Override
        public Map<String, Variant<?>> GetAll(String iface) {
            return Map.of("Name", new Variant<>(name));
        }

        @Override
        public String getObjectPath() {
            return path;
        }
    }
}
