package io.recoverymanager.daemon.crash;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.matchrules.DBusMatchRuleBuilder;
import org.freedesktop.dbus.messages.DBusSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for a crash reporter's D-Bus signal (interface and member configured in {@code
 * [crash-reporter]}) and reports each crash: the signal's first argument is the process name, an
 * optional second string argument the context it crashed in (empty or absent: this daemon's own).
 *
 * <p>One generic handler on one connection of its own; a malformed signal is logged and dropped.
 *
 * <p>Thread-safety: the callback runs on dbus-java's signal thread and must hand work over (the
 * engine's methods do).
 */
public final class CrashReporterListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrashReporterListener.class);

    private final DBusConnection connection;

    private CrashReporterListener(DBusConnection connection) {
        this.connection = connection;
    }

    /**
     * Connects and subscribes.
     *
     * @param address a {@code unix:path=} address, or empty for the system bus
     * @param iface the signal's interface
     * @param member the signal's name
     * @param onCrash receives (context or empty, process name)
     */
    public static CrashReporterListener start(
            Optional<String> address, String iface, String member, BiConsumer<Optional<String>, String> onCrash)
            throws IOException {
        Objects.requireNonNull(onCrash, "onCrash");
        DBusConnection connection = null;
        try {
            DBusConnectionBuilder builder =
                    address.map(DBusConnectionBuilder::forAddress).orElseGet(DBusConnectionBuilder::forSystemBus);
            connection = builder.withShared(false).build();
            connection.addGenericSigHandler(
                    DBusMatchRuleBuilder.create()
                            .withType("signal")
                            .withInterface(iface)
                            .withMember(member)
                            .build(),
                    signal -> deliver(signal, onCrash));
            LOG.info("listening for crash reports {}.{} on {}", iface, member, address.orElse("the system bus"));
            return new CrashReporterListener(connection);
        } catch (DBusException | RuntimeException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new IOException("cannot listen for crash reports " + iface + "." + member + ": " + e.getMessage(), e);
        }
    }

    private static void deliver(DBusSignal signal, BiConsumer<Optional<String>, String> onCrash) {
        try {
            Object[] args = signal.getParameters();
            if (args == null || args.length == 0 || !(args[0] instanceof String process) || process.isBlank()) {
                LOG.warn("crash report without a process name ignored (signature {})", signal.getSig());
                return;
            }
            Optional<String> context =
                    args.length > 1 && args[1] instanceof String c && !c.isBlank() ? Optional.of(c) : Optional.empty();
            onCrash.accept(context, process);
        } catch (DBusException | RuntimeException e) {
            LOG.warn("crash report dropped: {}", e.toString());
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
