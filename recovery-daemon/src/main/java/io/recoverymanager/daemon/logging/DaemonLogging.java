package io.recoverymanager.daemon.logging;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sets up logging for the process: one stderr handler on the java.util.logging root logger (which
 * slf4j writes to), formatted for the journal when {@code JOURNAL_STREAM} is set and for humans
 * otherwise.
 *
 * <p>Thread-safety: call {@link #install} once, early in {@code main}.
 */
public final class DaemonLogging {
    private DaemonLogging() {}

    /** Whether stderr is connected to the journal, as systemd announces with {@code JOURNAL_STREAM}. */
    public static boolean journalMode(Map<String, String> env) {
        String stream = env.get("JOURNAL_STREAM");
        return stream != null && !stream.isEmpty();
    }

    /** Installs the handler on stderr for this process's environment. */
    public static void install(Level level) {
        install(System.getenv(), System.err, level);
    }

    /**
     * Installs the handler.
     *
     * @param env the environment ({@code JOURNAL_STREAM})
     * @param stream where log lines go
     * @param level the lowest level written
     */
    public static void install(Map<String, String> env, OutputStream stream, Level level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = new FlushingHandler(
                stream instanceof PrintStream ps ? ps : new PrintStream(stream, true, StandardCharsets.UTF_8),
                new DaemonLogFormatter(journalMode(env), ZoneId.systemDefault()));
        handler.setLevel(level);
        root.addHandler(handler);
    }

    /** A stream handler that flushes every record, so lines are never lost or delayed. */
    private static final class FlushingHandler extends StreamHandler {
        FlushingHandler(OutputStream out, java.util.logging.Formatter formatter) {
            super(out, formatter);
            try {
                setEncoding(StandardCharsets.UTF_8.name());
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always supported", e);
            }
        }

        @Override
        public synchronized void publish(java.util.logging.LogRecord record) {
            super.publish(record);
            flush();
        }

        @Override
        public synchronized void close() {
            // stderr stays open: flush only
            flush();
        }
    }
}
