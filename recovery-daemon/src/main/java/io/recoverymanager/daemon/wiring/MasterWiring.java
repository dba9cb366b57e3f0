package io.recoverymanager.daemon.wiring;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.runtime.CrashPoint;
import io.recoverymanager.daemon.runtime.CrashPointLedger;
import io.recoverymanager.dispatch.master.ContextPolicy;
import io.recoverymanager.dispatch.master.MasterPolicy;
import io.recoverymanager.dispatch.master.PeerMachines;
import io.recoverymanager.dispatch.master.RequestLedger;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * How the daemon builds the master's collaborators from its config: the policy (contexts, flood
 * limits), and the ledger and executor decorated with the master's crash points.
 *
 * <p>Thread-safety: stateless.
 */
public final class MasterWiring {
    /** Reached when a slave's action has run and its acknowledgement is not yet recorded or sent. */
    public static final String AFTER_EXECUTION = "master-after-execution";

    private MasterWiring() {}

    /** The master's policy from {@code [ipc]}: contexts, flood limits; no machine lookup yet. */
    public static MasterPolicy policy(DaemonConfig.Ipc ipc) {
        return new MasterPolicy(ContextPolicy.of(ipc.contexts()), ipc.limits(), PeerMachines.none());
    }

    /** The ledger with its crash point. */
    public static RequestLedger ledger(RequestLedger ledger) {
        return CrashPoint.armed() ? new CrashPointLedger(ledger) : ledger;
    }

    /** The executor with the crash point between execution and acknowledgement. */
    public static Function<ActionRequest, CompletionStage<ActionOutcome>> executor(
            Function<ActionRequest, CompletionStage<ActionOutcome>> executor) {
        if (!CrashPoint.armed()) {
            return executor;
        }
        return request -> executor.apply(request).thenApply(outcome -> {
            CrashPoint.reached(AFTER_EXECUTION);
            return outcome;
        });
    }
}
