package io.recoverymanager.systemd.journal;

import io.recoverymanager.core.event.RecoveryEvent;
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
    private final transient RecoveryEvent event;

    /**
     * @param level the level
     * @param message the complete message
     * @param service the service concerned, or empty
     * @param rvector the rvector, 0 where it does not apply
     * @param action the action concerned, or empty
     * @param context the context
     */
    public EventLogRecord(Level level, String message, String service, int rvector, String action, String context) {
        this(level, message, service, rvector, action, context, null);
    }

    /**
     * A record of this engine event, which targets with fields (the journal) read further (kind,
     * failure details).
     */
    public EventLogRecord(Level level, String message, RecoveryEvent event) {
        this(level, message, event.service(), event.rvector(), event.action(), event.context(), event);
    }

    private EventLogRecord(
            Level level,
            String message,
            String service,
            int rvector,
            String action,
            String context,
            RecoveryEvent event) {
        super(level, message);
        this.service = service;
        this.rvector = rvector;
        this.action = action;
        this.context = context;
        this.event = event;
    }

    /** The engine event, when the record was made from one (not after deserialisation). */
    public java.util.Optional<RecoveryEvent> event() {
        return java.util.Optional.ofNullable(event);
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
