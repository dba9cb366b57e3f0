package io.recoverymanager.systemd;

import io.recoverymanager.systemd.dbus.SystemdManager;
import java.io.IOException;
import org.freedesktop.dbus.connections.AbstractConnection;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.connections.impl.DirectConnection;
import org.freedesktop.dbus.connections.impl.DirectConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.CallbackHandler;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusSigHandler;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.matchrules.DBusMatchRule;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * One live connection to systemd, over a message bus or peer-to-peer, hiding the two dbus-java
 * connection types. A link is used until it is lost, then thrown away (dbus-java connections cannot
 * be reused after a disconnect).
 *
 * <p>Thread-safety: proxies and handler registration are safe from any thread (dbus-java).
 */
final class SystemdLink implements AutoCloseable {
    private final AbstractConnection connection;
    private final boolean peerToPeer;
    private final SystemdManager manager;

    private SystemdLink(AbstractConnection connection, boolean peerToPeer) throws DBusException {
        this.connection = connection;
        this.peerToPeer = peerToPeer;
        this.manager = remote(SystemdManager.OBJECT_PATH, SystemdManager.class);
    }

    /** Opens a new, unshared connection; {@code onDisconnect} runs on a dbus-java thread. */
    static SystemdLink open(SystemdConnectionConfig config, Runnable onDisconnect) throws DBusException {
        int timeoutMillis =
                (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        IDisconnectCallback callback = new IDisconnectCallback() {
            @Override
            public void disconnectOnError(IOException ex) {
                onDisconnect.run();
            }

            @Override
            public void exceptionOnTerminate(IOException ex) {
                onDisconnect.run();
            }
        };
        BusAddress bus = config.bus();
        if (bus instanceof BusAddress.PrivateSocket p) {
            DirectConnection direct = DirectConnectionBuilder.forAddress(p.address())
                    .withDisconnectCallback(callback)
                    .receivingThreadConfig()
                    .withSignalThreadCount(1)
                    .connectionConfig()
                    .transportConfig()
                    .withTimeout(timeoutMillis)
                    .back()
                    .build();
            return new SystemdLink(direct, true);
        }
        DBusConnectionBuilder builder;
        if (bus instanceof BusAddress.SystemBus) {
            builder = DBusConnectionBuilder.forSystemBus();
        } else if (bus instanceof BusAddress.SessionBus) {
            builder = DBusConnectionBuilder.forSessionBus();
        } else {
            builder = DBusConnectionBuilder.forAddress(((BusAddress.Explicit) bus).address());
        }
        DBusConnection busConnection = builder.withShared(false)
                .withDisconnectCallback(callback)
                .receivingThreadConfig()
                .withSignalThreadCount(1)
                .connectionConfig()
                .transportConfig()
                .withTimeout(timeoutMillis)
                .back()
                .build();
        return new SystemdLink(busConnection, false);
    }

    boolean isPeerToPeer() {
        return peerToPeer;
    }

    boolean isConnected() {
        return connection.isConnected();
    }

    SystemdManager manager() {
        return manager;
    }

    /**
     * Sends a call of the Manager method named {@code javaMethod} (the Java name in {@link
     * SystemdManager}) without waiting for its reply: the handler gets the reply or the error on a
     * dbus-java thread. Pipelines control calls (a storm never waits for one reply to send the next).
     */
    <A> void callManagerAsync(String javaMethod, CallbackHandler<A> handler, Object... args) {
        connection.callWithCallback(manager, javaMethod, handler, args);
    }

    /** The standard properties interface of an object of systemd. */
    Properties properties(String path) throws DBusException {
        return remote(path, Properties.class);
    }

    /** True when systemd currently owns its bus name (always true peer-to-peer). */
    boolean systemdOnBus() throws DBusException {
        if (peerToPeer) {
            return true;
        }
        DBus dbus = ((DBusConnection) connection)
                .getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        return dbus.NameHasOwner(SystemdManager.BUS_NAME);
    }

    <T extends DBusSignal> void addHandler(DBusMatchRule rule, DBusSigHandler<T> handler) throws DBusException {
        connection.addSigHandler(rule, handler);
    }

    <T extends DBusSignal> void addHandler(Class<T> type, DBusSigHandler<T> handler) throws DBusException {
        connection.addSigHandler(type, handler);
    }

    private <T extends org.freedesktop.dbus.interfaces.DBusInterface> T remote(String path, Class<T> type)
            throws DBusException {
        if (connection instanceof DBusConnection bus) {
            return bus.getRemoteObject(SystemdManager.BUS_NAME, path, type);
        }
        return ((DirectConnection) connection).getRemoteObject(path, type);
    }

    /** Disconnects; never throws. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException ignored) {
            // Best effort: the connection may already be gone.
        }
    }
}
