package io.recoverymanager.daemon.runtime;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.dispatch.master.RequestLedger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The master's request ledger with the crash points of the master's request path: {@value
 * #AFTER_BEGIN} right after a new request is recorded (before it is handed to the executor). See
 * {@link io.recoverymanager.daemon.wiring.MasterWiring#AFTER_EXECUTION} for the other one.
 *
 * <p>Thread-safety: as thread-safe as the ledger it decorates.
 */
public final class CrashPointLedger implements RequestLedger {
    /** Reached when a new request has been recorded and not yet handed to the executor. */
    public static final String AFTER_BEGIN = "master-after-ledger-begin";

    private final RequestLedger ledger;

    public CrashPointLedger(RequestLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public Optional<Entry> begin(String context, String requestId, Instant now) {
        Optional<Entry> known = ledger.begin(context, requestId, now);
        if (known.isEmpty()) {
            CrashPoint.reached(AFTER_BEGIN);
        }
        return known;
    }

    @Override
    public Optional<Entry> peek(String context, String requestId) {
        return ledger.peek(context, requestId);
    }

    @Override
    public void executing(String context, String requestId, Instant now) {
        ledger.executing(context, requestId, now);
    }

    @Override
    public boolean tracksExecution() {
        return ledger.tracksExecution();
    }

    @Override
    public void complete(String context, String requestId, ActionOutcome outcome) {
        ledger.complete(context, requestId, outcome);
    }
}
