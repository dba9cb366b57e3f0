package io.recoverymanager.daemon.logging;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.daemon.config.LogArea;
import io.recoverymanager.systemd.journal.EventLogRecord;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs every engine event, one record each, in one format for every target: {@code <kind>
 * <service> rvector=<n> action=<action> context=<context>[: <detail>]} ({@code -} for an empty
 * service or action). Failures of managed services, refusals (suppressed actions) and meditation are warnings, failed
 * actions, an exhausted ladder and rejected units errors, the rest (actions issued and done, relax
 * armed, recovered, unit changes) info.
 * The records are {@link EventLogRecord}s on the logger {@value LogArea#ENGINE_EVENTS_LOGGER}.
 *
 * <p>Thread-safety: stateless, safe for concurrent use.
 */
public final class EventLog implements RecoveryListener {
    private static final Logger LOG = Logger.getLogger(LogArea.ENGINE_EVENTS_LOGGER);

    @Override
    public void onEvent(RecoveryEvent event) {
        Level level = level(event);
        if (!LOG.isLoggable(level)) {
            return;
        }
        EventLogRecord record = new EventLogRecord(level, message(event), event);
        record.setLoggerName(LOG.getName());
        record.setInstant(event.at()); // the event's time, also when logged off the engine's loop
        LOG.log(record);
    }

    /** The line logged for an event. */
    public static String message(RecoveryEvent event) {
        StringBuilder text = new StringBuilder(128)
                .append(event.kind())
                .append(' ')
                .append(orDash(event.service()))
                .append(" rvector=")
                .append(event.rvector())
                .append(" action=")
                .append(orDash(event.action()))
                .append(" context=")
                .append(event.context());
        String detail = event.detail();
        if (detail != null && !detail.isEmpty()) {
            text.append(": ").append(detail);
        }
        return text.toString();
    }

    /** The level an event is logged at. */
    public static Level level(RecoveryEvent event) {
        if (event instanceof RecoveryEvent.ActionCompleted completed) {
            return completed.success() ? Level.INFO : Level.SEVERE;
        }
        if (event instanceof RecoveryEvent.Exhausted
                || event instanceof RecoveryEvent.UnitRejected
                || event instanceof RecoveryEvent.ActionHeld) {
            return Level.SEVERE;
        }
        if (event instanceof RecoveryEvent.FailureObserved failure) {
            return failure.managed() ? Level.WARNING : Level.INFO;
        }
        if (event instanceof RecoveryEvent.ActionSuppressed || event instanceof RecoveryEvent.MeditationEntered) {
            return Level.WARNING;
        }
        return Level.INFO;
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
