package io.recoverymanager.systemd.crash;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.matchrules.DBusMatchRuleBuilder;
import org.freedesktop.dbus.messages.DBusSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for a crash reporter's D-Bus signal (interface and member configured in {@code
 * [crash-reporter]}) and reports each crash: the signal's first argument is the process name, an
 * optional second string argument the context it crashed in (empty or absent: this daemon's own).
 *
 * <p>Any local client can emit any signal with any arguments, so a signal counts only when the bus
 * says it was sent by the current owner of the configured well-known name ({@code sender}), that
 * owner runs as an allowed user ({@code GetConnectionUnixUser}), and the host's handler accepts its
 * names (it refuses them by throwing {@link IllegalArgumentException}; the daemon applies the
 * control socket's checks). The owner is asked of the bus at
 * start and again whenever a {@code NameOwnerChanged} for the name arrives (the signal's own
 * content is not trusted: anyone can emit one). Everything else is dropped with a rate-limited
 * warning naming the sender.
 *
 * <p>Thread-safety: the callback runs on dbus-java's single signal thread, in the order the bus
 * delivered the signals, and must hand work over (the engine's methods do).
 */
public final class CrashReporterListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrashReporterListener.class);
    private static final String BUS_NAME = "org.freedesktop.DBus";
    private static final String BUS_PATH = "/org/freedesktop/DBus";

    /** The current owner of the reporter's name, as the bus last answered: none, or a connection and its uid. */
    private record Owner(Optional<String> connection, long uid) {
        static final Owner NONE = new Owner(Optional.empty(), -1);
    }

    private final DBusConnection connection;
    private final String sender;
    private final Set<Integer> allowedUids;
    private final BiConsumer<Optional<String>, String> onCrash;
    private final DropWarnings warnings;
    private volatile Owner owner = Owner.NONE;

    private CrashReporterListener(
            DBusConnection connection,
            String sender,
            Set<Integer> allowedUids,
            BiConsumer<Optional<String>, String> onCrash) {
        this.connection = connection;
        this.sender = sender;
        this.allowedUids = allowedUids;
        this.onCrash = onCrash;
        this.warnings = new DropWarnings(LOG::warn, 10, Duration.ofMinutes(1), System::nanoTime);
    }

    /**
     * Connects and subscribes.
     *
     * @param address a {@code unix:path=} address, or empty for the system bus
     * @param iface the signal's interface
     * @param member the signal's name
     * @param sender the crash reporter's well-known bus name; only its current owner is heard
     * @param allowedUids the users that owner may run as
     * @param onCrash receives (context or empty, process name); throws {@link
     *     IllegalArgumentException} to refuse a name, and the report is dropped with a warning
     */
    public static CrashReporterListener start(
            Optional<String> address,
            String iface,
            String member,
            String sender,
            Set<Integer> allowedUids,
            BiConsumer<Optional<String>, String> onCrash)
            throws IOException {
        Objects.requireNonNull(onCrash, "onCrash");
        Objects.requireNonNull(sender, "sender");
        if (sender.isEmpty()) {
            throw new IllegalArgumentException("a crash reporter's bus name is required");
        }
        DBusConnection connection = null;
        try {
            DBusConnectionBuilder builder =
                    address.map(DBusConnectionBuilder::forAddress).orElseGet(DBusConnectionBuilder::forSystemBus);
            connection = builder.withShared(false).build();
            CrashReporterListener listener =
                    new CrashReporterListener(connection, sender, Set.copyOf(allowedUids), onCrash);
            // Subscribe to ownership changes first, then ask: no change between the two is missed.
            connection.addSigHandler(
                    DBusMatchRuleBuilder.create()
                            .withType(DBus.NameOwnerChanged.class)
                            .withArg0123(0, sender)
                            .build(),
                    (DBus.NameOwnerChanged changed) -> listener.refreshOwner());
            connection.addGenericSigHandler(
                    DBusMatchRuleBuilder.create()
                            .withType("signal")
                            .withInterface(iface)
                            .withMember(member)
                            .build(),
                    listener::deliver);
            listener.refreshOwner();
            LOG.info(
                    "listening for crash reports {}.{} from {} on {}",
                    iface,
                    member,
                    sender,
                    address.orElse("the system bus"));
            return listener;
        } catch (DBusException | RuntimeException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new IOException("cannot listen for crash reports " + iface + "." + member + ": " + e.getMessage(), e);
        }
    }

    /** Asks the bus who owns the reporter's name now, and as which user. */
    private synchronized void refreshOwner() {
        Owner now;
        try {
            DBus bus = connection.getRemoteObject(BUS_NAME, BUS_PATH, DBus.class);
            String unique = bus.GetNameOwner(sender);
            long uid = bus.GetConnectionUnixUser(unique).longValue();
            now = new Owner(Optional.of(unique), uid);
        } catch (DBusExecutionException e) {
            // NameHasNoOwner, or the owner left between the two calls.
            now = Owner.NONE;
        } catch (DBusException | RuntimeException e) {
            LOG.warn("cannot ask the bus who owns {}; crash reports are not accepted: {}", sender, e.toString());
            now = Owner.NONE;
        }
        if (!now.equals(owner)) {
            long uid = now.uid();
            LOG.info(
                    "crash reporter {}: {}",
                    sender,
                    now.connection()
                            .map(c -> "owned by " + c + " (uid " + uid + ")")
                            .orElse("no owner"));
        }
        owner = now;
    }

    private void deliver(DBusSignal signal) {
        String from = String.valueOf(signal.getSource());
        try {
            Owner current = owner;
            if (current.connection().isEmpty() || !current.connection().get().equals(from)) {
                warnings.dropped(from, "not the owner of " + sender);
                return;
            }
            if (!allowedUids.contains((int) current.uid())) {
                warnings.dropped(
                        from,
                        "the owner of " + sender + " runs as uid " + current.uid()
                                + ", not in crash-reporter.allowed-uids");
                return;
            }
            Object[] args = signal.getParameters();
            if (args == null || args.length == 0 || args.length > 2 || !(args[0] instanceof String process)) {
                warnings.dropped(
                        from, "arguments must be (s process) or (ss process, context), got " + signal.getSig());
                return;
            }
            Optional<String> context;
            if (args.length == 2) {
                if (!(args[1] instanceof String c)) {
                    warnings.dropped(from, "the context argument must be a string, got " + signal.getSig());
                    return;
                }
                context = c.isEmpty() ? Optional.empty() : Optional.of(c);
            } else {
                context = Optional.empty();
            }
            try {
                onCrash.accept(context, process);
            } catch (IllegalArgumentException e) {
                warnings.dropped(from, printable(String.valueOf(e.getMessage())));
                return;
            }
            LOG.info(
                    "crash of process {} in {} reported by {} ({})",
                    process,
                    context.orElse("this context"),
                    sender,
                    from);
        } catch (DBusException | RuntimeException e) {
            warnings.dropped(from, printable(e.toString()));
        }
    }

    /**
     * Peer-supplied text made safe for one log line: control characters become {@code ?} and
     * anything beyond 120 characters is cut, so a peer cannot forge log lines.
     */
    static String printable(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 121));
        for (int i = 0; i < text.length() && i < 120; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (text.length() > 120) {
            b.append('\u2026');
        }
        return b.toString();
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
