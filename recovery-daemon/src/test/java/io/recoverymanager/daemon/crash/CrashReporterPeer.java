package io.recoverymanager.daemon.crash;

import java.io.IOException;
import java.util.Objects;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * A client on a real bus standing in for a crash reporter (or an impostor): its own connection,
 * which may own a well-known name, emits {@code org.example.CrashReporter.ProcessCrashed(ss)}.
 * {@link #emit} returns once the bus has routed the signal (a round trip follows it), so signals
 * of different peers reach listeners in the order the test emitted them.
 *
 * <p>Thread-safety: not thread-safe; one test thread.
 */
public final class CrashReporterPeer implements AutoCloseable {
    /** The reporter's interface and object. */
    public static final String INTERFACE = "org.example.CrashReporter";

    public static final String PATH = "/org/example/CrashReporter";

    /** The signal, as dbus-java declares it. */
    @DBusInterfaceName(INTERFACE)
    public interface Reporter extends DBusInterface {
        /** {@code ProcessCrashed(s process, s context)}. */
        class ProcessCrashed extends DBusSignal {
            public ProcessCrashed(String path, String process, String context) throws DBusException {
                super(path, process, context);
            }
        }
    }

    private final DBusConnection connection;

    private CrashReporterPeer(DBusConnection connection) {
        this.connection = connection;
    }

    /**
     * Starts {@code busctl emit} of {@code ProcessCrashed(process, context)} on the bus at {@code address}:
     * a connection of its own that owns no name, as any local client could. The caller waits for it.
     */
    public static Process emitWithBusctl(String address, String process, String context) throws IOException {
        return new ProcessBuilder(
                        "busctl",
                        "--address=" + address,
                        "emit",
                        PATH,
                        INTERFACE,
                        "ProcessCrashed",
                        "ss",
                        process,
                        context)
                .inheritIO()
                .start();
    }

    /** Connects to the bus at a {@code unix:path=} address. */
    public static CrashReporterPeer connect(String address) throws DBusException {
        return new CrashReporterPeer(
                DBusConnectionBuilder.forAddress(address).withShared(false).build());
    }

    /** Takes a well-known name (fails when another connection holds it). */
    public CrashReporterPeer own(String name) throws DBusException {
        connection.requestBusName(Objects.requireNonNull(name));
        return this;
    }

    /** Gives a well-known name up. */
    public void release(String name) throws DBusException {
        connection.releaseBusName(name);
    }

    /** This connection's unique name, such as {@code :1.42}. */
    public String uniqueName() {
        return connection.getUniqueName();
    }

    /** Emits ProcessCrashed and waits until the bus has routed it. */
    public void emit(String process, String context) throws DBusException {
        connection.sendMessage(new Reporter.ProcessCrashed(PATH, process, context));
        flush();
    }

    /**
     * Emits a forged {@code org.freedesktop.DBus.NameOwnerChanged} claiming that this connection now
     * owns {@code name} (only the bus may say so; a listener must not believe it).
     */
    public void forgeOwnerChange(String name) throws DBusException {
        connection.sendMessage(new DBus.NameOwnerChanged("/org/freedesktop/DBus", name, "", uniqueName()));
        flush();
    }

    private void flush() throws DBusException {
        connection
                .getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                .GetId();
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
