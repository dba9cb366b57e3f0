package io.recoverymanager.daemon.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code [logging]} section: where the log goes, from which level, and the DLT ids.
 *
 * @param target journal, dlt, stderr, or auto (journal when {@code JOURNAL_STREAM} is set, else stderr)
 * @param level the lowest level logged
 * @param dlt the DLT application, its contexts and the library
 * @param journalSocket the journal's socket for its native protocol ({@code
 *     /run/systemd/journal/socket})
 *     <p>Thread-safety: immutable.
 */
public record LoggingConfig(LogTarget target, LogLevelSetting level, Dlt dlt, java.nio.file.Path journalSocket) {
    /** The journal's socket for the native protocol, where systemd-journald listens. */
    public static final java.nio.file.Path DEFAULT_JOURNAL_SOCKET =
            java.nio.file.Path.of("/run/systemd/journal/socket");

    /** A DLT application or context id: one to four ASCII letters, digits, '_' or '-'. */
    public static final Pattern DLT_ID = Pattern.compile("[A-Za-z0-9_-]{1,4}");

    public LoggingConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(dlt, "dlt");
        Objects.requireNonNull(journalSocket, "journalSocket");
    }

    /** Settings with the default journal socket. */
    public LoggingConfig(LogTarget target, LogLevelSetting level, Dlt dlt) {
        this(target, level, dlt, DEFAULT_JOURNAL_SOCKET);
    }

    /** The documented defaults. */
    public static LoggingConfig defaults() {
        return new LoggingConfig(LogTarget.AUTO, LogLevelSetting.INFO, Dlt.defaults());
    }

    /** The same settings with another level (the command line's {@code --log-level}). */
    public LoggingConfig withLevel(LogLevelSetting newLevel) {
        return new LoggingConfig(target, newLevel, dlt, journalSocket);
    }

    /**
     * The DLT settings ({@code [logging.dlt]}).
     *
     * @param appId the application id
     * @param contextIds the context id of every area
     * @param library the libdlt to load: a file name found by the dynamic linker, or an absolute path
     */
    public record Dlt(String appId, Map<LogArea, String> contextIds, String library) {
        public Dlt {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(library, "library");
            if (!DLT_ID.matcher(appId).matches()) {
                throw new IllegalArgumentException("not a DLT id: " + appId);
            }
            EnumMap<LogArea, String> ids = new EnumMap<>(LogArea.class);
            for (LogArea area : LogArea.values()) {
                String id = contextIds.getOrDefault(area, area.defaultContextId());
                if (!DLT_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("not a DLT id: " + id);
                }
                ids.put(area, id);
            }
            contextIds = Collections.unmodifiableMap(ids);
        }

        /** {@code RMGR}, the areas' default context ids, {@code libdlt.so.2}. */
        public static Dlt defaults() {
            return new Dlt("RMGR", Map.of(), "libdlt.so.2");
        }
    }
}
