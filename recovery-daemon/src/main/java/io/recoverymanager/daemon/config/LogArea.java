package io.recoverymanager.daemon.config;

import java.util.Locale;

/**
 * A part of the daemon whose log records share one DLT context id ({@code [logging.dlt.context-ids]}).
 * The area of a record follows from its logger name (the Java package that logged it).
 *
 * <p>Thread-safety: immutable.
 */
public enum LogArea {
    /** The recovery engine and its events: failures, actions, outcomes, meditation, relax, unit changes. */
    ENGINE("ENGN", "recovery engine and its events"),
    /** The systemd adapter (D-Bus). */
    SYSTEMD("SYSD", "systemd adapter"),
    /** Master/slave dispatch and the executors of actions. */
    DISPATCH("DISP", "master/slave dispatch and action executors"),
    /** The SQLite store. */
    STORE("STOR", "state store"),
    /** Everything else: start-up, configuration, control socket, crash reports. */
    DAEMON("MAIN", "daemon start-up, configuration and control");

    /** The logger name of the engine's event log. */
    public static final String ENGINE_EVENTS_LOGGER = "io.recoverymanager.engine";

    private final String defaultContextId;
    private final String description;

    LogArea(String defaultContextId, String description) {
        this.defaultContextId = defaultContextId;
        this.description = description;
    }

    /** The key in {@code [logging.dlt.context-ids]}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The DLT context id when none is configured. */
    public String defaultContextId() {
        return defaultContextId;
    }

    /** A description registered with the DLT context. */
    public String description() {
        return description;
    }

    /** The area of a logger (by its name; null for the root logger). */
    public static LogArea ofLogger(String loggerName) {
        if (loggerName == null) {
            return DAEMON;
        }
        if (loggerName.startsWith(ENGINE_EVENTS_LOGGER) || loggerName.startsWith("io.recoverymanager.core.")) {
            return ENGINE;
        }
        if (loggerName.startsWith("io.recoverymanager.systemd.")) {
            return SYSTEMD;
        }
        if (loggerName.startsWith("io.recoverymanager.dispatch.")) {
            return DISPATCH;
        }
        if (loggerName.startsWith("io.recoverymanager.store.")) {
            return STORE;
        }
        return DAEMON;
    }
}
