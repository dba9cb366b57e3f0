package io.recoverymanager.systemd;

import io.recoverymanager.systemd.dbus.MachineManager;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;

/**
 * Asks systemd-machined which registered machine a process belongs to ({@code GetMachineByPID},
 * then the machine's {@code Name}). The master uses it to bind a slave's context to the container
 * its process really runs in, whatever the slave claims.
 *
 * <p>The connection is opened at the first question and opened again after it was lost. machined
 * lives on the system bus; a private systemd socket has no machined, so {@link #on} maps it to the
 * system bus.
 *
 * <p>Thread-safety: safe for use from any thread (questions are serialised).
 */
public final class MachineRegistry implements AutoCloseable {
    private final BusAddress bus;
    private final Duration connectTimeout;
    private DBusConnection connection;
    private boolean closed;

    private MachineRegistry(BusAddress bus, Duration connectTimeout) {
        this.bus = bus;
        this.connectTimeout = connectTimeout;
    }

    /**
     * A registry that asks the machined on {@code bus} (a private systemd socket means the system
     * bus: machined is no part of systemd's private socket).
     */
    public static MachineRegistry on(BusAddress bus, Duration connectTimeout) {
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        return new MachineRegistry(
                bus instanceof BusAddress.PrivateSocket ? new BusAddress.SystemBus() : bus, connectTimeout);
    }

    /**
     * The name of the machine process {@code pid} belongs to; empty when it belongs to none, or when
     * no machined runs on the bus (then no process is any machine's).
     *
     * @throws IOException when the bus cannot be reached or machined answers with another error
     */
    public synchronized Optional<String> machineOf(long pid) throws IOException {
        if (pid <= 0 || pid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a pid: " + pid);
        }
        if (closed) {
            throw new IOException("the machine registry is closed");
        }
        DBusConnection c = connection();
        try {
            MachineManager manager =
                    c.getRemoteObject(MachineManager.BUS_NAME, MachineManager.OBJECT_PATH, MachineManager.class);
            DBusPath machine = manager.getMachineByPid(new UInt32(pid));
            Properties properties = c.getRemoteObject(MachineManager.BUS_NAME, machine.getPath(), Properties.class);
            Object name = properties.Get(MachineManager.MACHINE_INTERFACE, "Name");
            if (!(name instanceof String s) || s.isEmpty()) {
                throw new IOException("machined gave machine " + machine.getPath() + " no name");
            }
            return Optional.of(s);
        } catch (ServiceUnknown e) {
            return Optional.empty();
        } catch (DBusExecutionException e) {
            if (isNoMachineForPid(e)) {
                return Optional.empty();
            }
            throw new IOException(
                    "machined could not say which machine pid " + pid + " belongs to: " + e.getMessage(), e);
        } catch (DBusException e) {
            throw new IOException("cannot ask machined about pid " + pid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether machined answered "no machine for this pid". dbus-java 5 keeps the D-Bus error name of
     * an error it has no class for only in the deprecated {@code getType()}; nothing replaces it yet.
     */
    @SuppressWarnings("removal")
    private static boolean isNoMachineForPid(DBusExecutionException e) {
        return MachineManager.NO_MACHINE_FOR_PID.equals(e.getType())
                || e.getClass().getName().equals(MachineManager.NO_MACHINE_FOR_PID);
    }

    private DBusConnection connection() throws IOException {
        if (connection != null && connection.isConnected()) {
            return connection;
        }
        closeConnection();
        DBusConnectionBuilder builder;
        if (bus instanceof BusAddress.SessionBus) {
            builder = DBusConnectionBuilder.forSessionBus();
        } else if (bus instanceof BusAddress.Explicit explicit) {
            builder = DBusConnectionBuilder.forAddress(explicit.address());
        } else {
            builder = DBusConnectionBuilder.forSystemBus();
        }
        try {
            connection = builder.withShared(false)
                    .transportConfig()
                    .withTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                    .back()
                    .build();
            return connection;
        } catch (DBusException e) {
            throw new IOException("cannot connect to " + bus + " to ask machined: " + e.getMessage(), e);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.disconnect();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeConnection();
    }
}
