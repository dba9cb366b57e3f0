package io.recoverymanager.dispatch.master;

import java.util.Objects;

/**
 * What a {@link MasterServer} lets slaves do: who claims which context and asks for what, how fast
 * they may send, and how machines are looked up.
 *
 * @param contexts who may claim which context and request which actions
 * @param limits per-context flood limits
 * @param machines finds the machined machine of a peer
 *     <p>Thread-safety: immutable.
 */
public record MasterPolicy(ContextPolicy contexts, FloodLimits limits, PeerMachines machines) {
    public MasterPolicy {
        Objects.requireNonNull(contexts, "contexts");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(machines, "machines");
    }

    /** Open contexts, default limits, no machine lookup. */
    public static MasterPolicy defaults() {
        return new MasterPolicy(ContextPolicy.open(), FloodLimits.defaults(), PeerMachines.none());
    }
}
