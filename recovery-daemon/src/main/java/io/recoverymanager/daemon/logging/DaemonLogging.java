package io.recoverymanager.daemon.logging;

import io.recoverymanager.daemon.config.LogTarget;
import io.recoverymanager.daemon.config.LoggingConfig;
import io.recoverymanager.systemd.journal.DaemonLogFormatter;
import io.recoverymanager.systemd.journal.JournalHandler;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sets up logging for the process: one handler on the java.util.logging root logger (which slf4j
 * writes to): for the journal when {@code JOURNAL_STREAM} is set (or the journal target is
 * configured), through its native protocol with fields ({@link JournalHandler}) when its socket
 * exists, else as prefixed stderr lines; for humans on stderr otherwise; or to DLT ({@link
 * DltHandler}).
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
        installStream(journalMode(env), stream, level);
    }

    /**
     * Installs the handler of the configured target: DLT, the journal or stderr (auto: the journal
     * when {@code JOURNAL_STREAM} is set, else stderr). When DLT cannot be used (no libdlt, no DLT
     * daemon), says so in one line on {@code stderr} and logs as auto would; logging never stops the
     * daemon from starting.
     *
     * @param config the {@code [logging]} settings
     * @param env the environment ({@code JOURNAL_STREAM}, {@code DLT_PIPE_DIR})
     * @param stderr where the journal and stderr targets write, and the fallback notice
     * @return what was installed; closing it unregisters from DLT
     */
    public static ActiveLogging install(LoggingConfig config, Map<String, String> env, PrintStream stderr) {
        Level level = config.level().julLevel();
        LogTarget target = config.target();
        if (target == LogTarget.DLT) {
            DltHandler.Opening opening = DltHandler.open(config.dlt(), config.level(), env);
            if (opening instanceof DltHandler.Opening.Opened opened) {
                LogManager.getLogManager().reset();
                Logger root = Logger.getLogger("");
                root.setLevel(level);
                opened.handler().setLevel(level);
                root.addHandler(opened.handler());
                return new ActiveLogging(LogTarget.DLT, Optional.of(opened.handler()));
            }
            boolean journal = journalMode(env);
            stderr.println("recoverymanager: DLT logging unavailable ("
                    + ((DltHandler.Opening.Unavailable) opening).reason() + "); logging to "
                    + (journal ? "the journal" : "stderr") + " instead");
            stderr.flush();
            target = LogTarget.AUTO;
        }
        boolean journal = target == LogTarget.JOURNAL || (target == LogTarget.AUTO && journalMode(env));
        if (journal && java.nio.file.Files.exists(config.journalSocket())) {
            // the native protocol: entries with MESSAGE_ID and RECOVERY_* fields; stderr lines only
            // for what the journal does not take
            LogManager.getLogManager().reset();
            Logger root = Logger.getLogger("");
            root.setLevel(level);
            JournalHandler handler = new JournalHandler(config.journalSocket(), stderr);
            handler.setLevel(level);
            root.addHandler(handler);
            return new ActiveLogging(LogTarget.JOURNAL, Optional.empty());
        }
        installStream(journal, stderr, level);
        return new ActiveLogging(journal ? LogTarget.JOURNAL : LogTarget.STDERR, Optional.empty());
    }

    /**
     * The logging in force.
     *
     * @param target where records go: DLT, the journal or stderr (never auto)
     * @param dlt the DLT handler, to be closed at exit
     */
    public record ActiveLogging(LogTarget target, Optional<DltHandler> dlt) implements AutoCloseable {
        /** Unregisters from DLT (later records are dropped); nothing for the other targets. */
        @Override
        public void close() {
            dlt.ifPresent(DltHandler::close);
        }
    }

    private static void installStream(boolean journal, OutputStream stream, Level level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = new FlushingHandler(
                stream instanceof PrintStream ps ? ps : new PrintStream(stream, true, StandardCharsets.UTF_8),
                new DaemonLogFormatter(journal, ZoneId.systemDefault()));
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
