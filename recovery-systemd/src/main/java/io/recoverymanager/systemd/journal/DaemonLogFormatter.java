package io.recoverymanager.systemd.journal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats log records one line each (stack traces as further lines). In journal mode every line
 * starts with its syslog priority in angle brackets and carries no timestamp, as sd-daemon(3)
 * describes for services whose stderr goes to the journal; in human mode lines start with a local
 * timestamp and the level.
 *
 * <p>Thread-safety: immutable, safe for concurrent use.
 */
public final class DaemonLogFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    private final boolean journal;
    private final ZoneId zone;

    /**
     * @param journal whether to write for the journal
     * @param zone the zone of human timestamps
     */
    public DaemonLogFormatter(boolean journal, ZoneId zone) {
        this.journal = journal;
        this.zone = zone;
    }

    /** The syslog priority of a level: 3 error, 4 warning, 6 info, 7 debug. */
    public static int priority(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (v >= Level.WARNING.intValue()) {
            return 4;
        }
        if (v >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        String logger = shortName(record.getLoggerName());
        StringBuilder text = new StringBuilder(message.length() + 64);
        text.append(logger).append(": ").append(message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace.toString().stripTrailing());
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        if (journal) {
            String prefix = "<" + priority(record.getLevel()) + ">";
            for (String line : text.toString().split("\\R")) {
                out.append(prefix).append(line).append('\n');
            }
        } else {
            out.append(TIME.format(Instant.ofEpochMilli(record.getMillis()).atZone(zone)))
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%-5s", levelName(record.getLevel())))
                    .append(' ')
                    .append(text)
                    .append('\n');
        }
        return out.toString();
    }

    private static String levelName(Level level) {
        return switch (priority(level)) {
            case 3 -> "ERROR";
            case 4 -> "WARN";
            case 6 -> "INFO";
            default -> "DEBUG";
        };
    }

    private static String shortName(String loggerName) {
        if (loggerName == null) {
            return "recoverymanager";
        }
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }
}
