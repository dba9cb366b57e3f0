package io.recoverymanager.daemon.logging;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.recoverymanager.daemon.config.LogArea;
import io.recoverymanager.daemon.config.LogLevelSetting;
import io.recoverymanager.daemon.config.LoggingConfig;
import io.recoverymanager.systemd.journal.DaemonLogFormatter;
import io.recoverymanager.systemd.journal.EventLogRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Sends log records to COVESA DLT through libdlt: registers the application and one context per
 * {@link LogArea} at {@link #open}, writes each record as a verbose DLT message of its area's
 * context (error, warn, info, debug map to the DLT levels of the same names), with the fields of an
 * {@link EventLogRecord} as typed arguments after the text ({@code service}, {@code rvector} as
 * uint32, {@code action}, {@code context}), and unregisters at {@link #close}.
 *
 * <p>Thread-safety: {@link #publish} may be called from any thread; publishing after close drops
 * the record.
 */
public final class DltHandler extends Handler {
    /** Text longer than this (UTF-8 bytes) is cut: a DLT message holds at most 1390 payload bytes. */
    static final int MAX_TEXT_BYTES = 1000;

    private static final int MAX_FIELD_BYTES = 80;

    private final DltLibrary dlt;
    private final Map<LogArea, Memory> contexts;
    private final SimpleFormatter messages = new SimpleFormatter();
    private boolean closed;

    /** The outcome of {@link #open}: a handler, or why DLT cannot be used. */
    public sealed interface Opening {
        /** DLT is registered; records go to the handler. */
        record Opened(DltHandler handler) implements Opening {}

        /** DLT cannot be used; nothing was registered. */
        record Unavailable(String reason) implements Opening {}
    }

    private DltHandler(DltLibrary dlt, Map<LogArea, Memory> contexts) {
        this.dlt = dlt;
        this.contexts = contexts;
    }

    /**
     * Loads libdlt, checks that a DLT daemon is there (its FIFO {@code dlt} in {@code DLT_PIPE_DIR},
     * default {@code /tmp}, as libdlt looks for it) and registers the application and its contexts.
     *
     * @param settings the ids and the library
     * @param level the initial log level of the contexts (the DLT daemon may change it)
     * @param env the environment ({@code DLT_PIPE_DIR})
     */
    public static Opening open(LoggingConfig.Dlt settings, LogLevelSetting level, Map<String, String> env) {
        DltLibrary dlt;
        try {
            dlt = DltLibrary.load(settings.library());
        } catch (UnsatisfiedLinkError e) {
            return new Opening.Unavailable("cannot load " + settings.library() + ": " + firstLine(e.getMessage()));
        }
        String pipeDir = env.getOrDefault("DLT_PIPE_DIR", "");
        Path fifo = Path.of(pipeDir.isEmpty() ? "/tmp" : pipeDir, "dlt");
        if (!Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(fifo, LinkOption.NOFOLLOW_LINKS)) {
            return new Opening.Unavailable("no DLT daemon: " + fifo + " does not exist");
        }
        int registered = dlt.dlt_register_app(settings.appId(), "RecoveryManager");
        if (registered < 0) {
            return new Opening.Unavailable("dlt_register_app(" + settings.appId() + ") failed with " + registered);
        }
        Map<LogArea, Memory> contexts = new EnumMap<>(LogArea.class);
        for (LogArea area : LogArea.values()) {
            Memory context = new Memory(DltLibrary.CONTEXT_SIZE);
            context.clear();
            String id = settings.contextIds().get(area);
            int result = dlt.dlt_register_context_ll_ts(
                    context, id, area.description(), dltLevel(level.julLevel()), DltLibrary.TRACE_STATUS_OFF);
            if (result < 0) {
                contexts.values().forEach(dlt::dlt_unregister_context);
                dlt.dlt_unregister_app();
                return new Opening.Unavailable("dlt_register_context(" + id + ") failed with " + result);
            }
            contexts.put(area, context);
        }
        return new Opening.Opened(new DltHandler(dlt, contexts));
    }

    /** The DLT level of a java.util.logging level: error, warn, info or debug. */
    static int dltLevel(Level level) {
        return switch (DaemonLogFormatter.priority(level)) {
            case 3 -> DltLibrary.LOG_ERROR;
            case 4 -> DltLibrary.LOG_WARN;
            case 6 -> DltLibrary.LOG_INFO;
            default -> DltLibrary.LOG_DEBUG;
        };
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        Pointer context = contexts.get(LogArea.ofLogger(record.getLoggerName()));
        Memory data = new Memory(DltLibrary.CONTEXT_DATA_SIZE);
        data.clear();
        if (dlt.dlt_user_log_write_start(context, data, dltLevel(record.getLevel())) != DltLibrary.RETURN_TRUE) {
            return; // the level is off for this context, or libdlt cannot take the message
        }
        dlt.dlt_user_log_write_utf8_string(data, cut(text(record), MAX_TEXT_BYTES));
        if (record instanceof EventLogRecord event) {
            dlt.dlt_user_log_write_utf8_string_attr(data, cut(event.service(), MAX_FIELD_BYTES), "service");
            dlt.dlt_user_log_write_uint32_attr(data, event.rvector(), "rvector", "");
            dlt.dlt_user_log_write_utf8_string_attr(data, cut(event.action(), MAX_FIELD_BYTES), "action");
            dlt.dlt_user_log_write_utf8_string_attr(data, cut(event.context(), MAX_FIELD_BYTES), "context");
        }
        dlt.dlt_user_log_write_finish(data);
    }

    /** The text of a record: the logger's short name, the message, and a thrown exception's trace. */
    private String text(LogRecord record) {
        String name = record.getLoggerName();
        String shortName = name == null ? "recoverymanager" : name.substring(name.lastIndexOf('.') + 1);
        StringBuilder text = new StringBuilder(shortName).append(": ").append(messages.formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace.toString().stripTrailing());
        }
        return text.toString();
    }

    /** At most {@code maxBytes} of UTF-8, cut at a character boundary; NUL characters become spaces. */
    static String cut(String text, int maxBytes) {
        String clean = text.replace('\0', ' ');
        if (clean.length() * 3 <= maxBytes || clean.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return clean;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        int limit = maxBytes - 3; // room for "..."
        for (int i = 0; i < clean.length(); ) {
            int cp = clean.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > limit) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.append("...").toString();
    }

    @Override
    public void flush() {
        // libdlt sends from its own buffer
    }

    /** Unregisters the contexts and the application; later records are dropped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        contexts.values().forEach(dlt::dlt_unregister_context);
        dlt.dlt_unregister_app();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown reason";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
