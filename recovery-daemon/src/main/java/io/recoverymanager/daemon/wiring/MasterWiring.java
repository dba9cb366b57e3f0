package io.recoverymanager.daemon.wiring;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.runtime.CrashPoint;
import io.recoverymanager.daemon.runtime.CrashPointLedger;
import io.recoverymanager.dispatch.master.ContextPolicy;
import io.recoverymanager.dispatch.master.MasterPolicy;
import io.recoverymanager.dispatch.master.PeerMachines;
import io.recoverymanager.dispatch.master.PeerProcess;
import io.recoverymanager.dispatch.master.RequestLedger;
import io.recoverymanager.systemd.MachineRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** The master's policy from {@code [ipc]}: contexts and flood limits, peers' machines from {@code machines}. */
    public static MasterPolicy policy(DaemonConfig.Ipc ipc, PeerMachines machines) {
        return new MasterPolicy(ContextPolicy.of(ipc.contexts()), ipc.limits(), machines);
    }

    /** Whether any context is bound to a systemd-machined machine (then peers' machines are looked up). */
    public static boolean bindsMachines(DaemonConfig.Ipc ipc) {
        return ipc.contexts().stream().anyMatch(grant -> grant.machine().isPresent());
    }

    /**
     * Peers' machines as machined says: the kernel's pid of the peer ({@code SO_PEERCRED}), then
     * {@code GetMachineByPID}. A failure to ask counts as "no machine" in the master (and is logged
     * there), so a context bound to a machine is refused rather than admitted on a guess.
     */
    public static PeerMachines machined(MachineRegistry registry) {
        return peer -> {
            try {
                return registry.machineOf(PeerProcess.pidOf(peer));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
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
