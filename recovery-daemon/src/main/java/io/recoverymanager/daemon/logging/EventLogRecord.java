package io.recoverymanager.daemon.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * A log record of one engine event that also carries its fields, so that targets with typed
 * arguments (DLT) can send them as such; every other target prints {@link #getMessage()}, which
 * names them too.
 *
 * <p>Thread-safety: like {@link LogRecord}, confined to the publishing thread.
 */
public final class EventLogRecord extends LogRecord {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final int rvector;
    private final String action;
    private final String context;

    /**
     * @param level the level
     * @param message the complete message
     * @param service the service concerned, or empty
     * @param rvector the rvector, 0 where it does not apply
     * @param action the action concerned, or empty
     * @param context the context
     */
    public EventLogRecord(Level level, String message, String service, int rvector, String action, String context) {
        super(level, message);
        this.service = service;
        this.rvector = rvector;
        this.action = action;
        this.context = context;
    }

    public String service() {
        return service;
    }

    public int rvector() {
        return rvector;
    }

    public String action() {
        return action;
    }

    public String context() {
        return context;
    }
}
