package io.recoverymanager.systemd.journal;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.systemd.notify.UnixDatagram;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes log records to the journal through its native protocol ({@link JournalEntry}), so each
 * carries fields: {@code MESSAGE}, {@code PRIORITY}, {@code SYSLOG_IDENTIFIER=recoverymanager},
 * {@code RECOVERY_LOGGER}, and for engine events {@code MESSAGE_ID} ({@link JournalMessageIds}),
 * {@code RECOVERY_KIND}, {@code RECOVERY_SERVICE}, {@code RECOVERY_ACTION}, {@code
 * RECOVERY_RVECTOR}, {@code RECOVERY_CONTEXT}, and for failures {@code RECOVERY_RESULT}, {@code
 * RECOVERY_EXIT_STATUS}, {@code RECOVERY_SIGNAL}, {@code RECOVERY_INVOCATION_ID}. A record the
 * journal does not take (socket gone, datagram too large) is written to stderr as a
 * journal-formatted line instead, so nothing is lost.
 *
 * <p>Thread-safety: thread-safe ({@link Handler#publish} is synchronized here).
 */
public final class JournalHandler extends Handler implements AutoCloseable {
    /** The journal's socket for the native protocol. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/systemd/journal/socket");

    private final Path socket;
    private final UnixDatagram datagram = new UnixDatagram();
    private final PrintStream fallback;
    private final DaemonLogFormatter fallbackFormat;
    private boolean warned;

    /**
     * @param socket the journal's socket
     * @param fallback where records go that the journal did not take (stderr)
     */
    public JournalHandler(Path socket, PrintStream fallback) {
        this.socket = socket;
        this.fallback = fallback;
        this.fallbackFormat = new DaemonLogFormatter(true, java.time.ZoneId.systemDefault());
    }

    /** The entry of a record. */
    public static JournalEntry entry(LogRecord record) {
        String text = record.getMessage() == null
                ? ""
                : new DaemonLogFormatter(true, java.time.ZoneOffset.UTC).formatMessage(record);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text = text + "\n" + trace.toString().stripTrailing();
        }
        JournalEntry.Builder b = JournalEntry.builder();
        if (record instanceof EventLogRecord event) {
            b.add("MESSAGE", text);
            event.event().ifPresent(e -> JournalMessageIds.of(e.kind(), e.action())
                    .ifPresent(id -> b.add("MESSAGE_ID", id)));
            b.add("PRIORITY", Integer.toString(DaemonLogFormatter.priority(record.getLevel())));
            b.add("SYSLOG_IDENTIFIER", "recoverymanager");
            event.event().ifPresent(e -> b.add("RECOVERY_KIND", e.kind()));
            b.add("RECOVERY_SERVICE", event.service());
            b.add("RECOVERY_ACTION", event.action());
            b.add("RECOVERY_RVECTOR", Integer.toString(event.rvector()));
            b.add("RECOVERY_CONTEXT", event.context());
            event.event()
                    .filter(e -> e instanceof RecoveryEvent.FailureObserved)
                    .map(e -> (RecoveryEvent.FailureObserved) e)
                    .ifPresent(f -> {
                        b.add("RECOVERY_RESULT", f.result());
                        f.exitStatus().ifPresent(s -> b.add("RECOVERY_EXIT_STATUS", Integer.toString(s)));
                        f.signal().ifPresent(s -> b.add("RECOVERY_SIGNAL", Integer.toString(s)));
                        b.add("RECOVERY_INVOCATION_ID", f.invocationId());
                    });
        } else {
            b.add("MESSAGE", shortName(record.getLoggerName()) + ": " + text);
            b.add("PRIORITY", Integer.toString(DaemonLogFormatter.priority(record.getLevel())));
            b.add("SYSLOG_IDENTIFIER", "recoverymanager");
        }
        b.add("RECOVERY_LOGGER", record.getLoggerName());
        return b.build();
    }

    private static String shortName(String loggerName) {
        if (loggerName == null) {
            return "recoverymanager";
        }
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        try {
            datagram.send(socket, entry(record).encode());
            warned = false;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                fallback.print("<4>recoverymanager: cannot write to the journal socket " + socket + " ("
                        + e.getMessage() + "); writing to stderr\n");
            }
            fallback.print(fallbackFormat.format(record));
            fallback.flush();
        }
    }

    @Override
    public void flush() {
        fallback.flush();
    }

    @Override
    public synchronized void close() {
        datagram.close();
        flush();
    }
}
