package io.recoverymanager.dispatch.master;

import io.recoverymanager.core.unit.ActionType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which peer may claim which slave context, and what each context may ask the master to do.
 *
 * <p>With contexts configured (<b>bound</b> mode), a context name is claimable only by a peer whose
 * kernel uid and machined machine name equal its {@link ContextGrant}; every other name is
 * refused, whether or not it is connected. A grant without a machine matches only peers that are no
 * machine's process. A context may request exactly the actions of its grant.
 *
 * <p>With no contexts configured (<b>open</b> mode, for compatibility), every peer admitted by
 * {@code allowed-uids} may claim any name that is not connected, and may request only {@code
 * restart-context} (of its own context): nothing that acts on the whole host. An attacker who can
 * connect can therefore at worst have a container restarted whose name it claimed while that
 * container was disconnected; configure contexts to close that.
 *
 * <p>Thread-safety: immutable.
 */
public final class ContextPolicy {
    private static final Set<ActionType> OPEN_ACTIONS = Set.of(ActionType.RESTART_CONTEXT);

    private final Map<String, ContextGrant> grants = new LinkedHashMap<>();

    private ContextPolicy(List<ContextGrant> grants) {
        for (ContextGrant g : grants) {
            if (this.grants.putIfAbsent(g.name(), g) != null) {
                throw new IllegalArgumentException("context " + g.name() + " is configured twice");
            }
        }
    }

    /** The policy of these grants; empty means open mode. */
    public static ContextPolicy of(List<ContextGrant> grants) {
        return new ContextPolicy(grants);
    }

    /** Open mode: no contexts configured. */
    public static ContextPolicy open() {
        return new ContextPolicy(List.of());
    }

    /** Whether contexts are configured. */
    public boolean bound() {
        return !grants.isEmpty();
    }

    /** The uids of all grants (they may connect in addition to {@code allowed-uids}). */
    public Set<Integer> grantedUids() {
        Set<Integer> uids = new TreeSet<>();
        grants.values().forEach(g -> uids.add(g.uid()));
        return uids;
    }

    /** Why {@code peer} may not claim {@code context}, or empty when it may. */
    public Optional<String> claimProblem(String context, PeerIdentity peer) {
        if (!bound()) {
            return Optional.empty();
        }
        ContextGrant g = grants.get(context);
        if (g == null) {
            return Optional.of("context '" + context + "' is not configured on this master");
        }
        if (g.uid() != peer.uid()) {
            return Optional.of("context '" + context + "' belongs to uid " + g.uid() + ", not to " + peer);
        }
        if (!g.machine().equals(peer.machine())) {
            return Optional.of("context '" + context + "' belongs to "
                    + g.machine().map(m -> "machine " + m).orElse("no machine") + ", not to " + peer);
        }
        return Optional.empty();
    }

    /** Whether {@code context} may request {@code action}. */
    public boolean permits(String context, ActionType action) {
        if (!bound()) {
            return OPEN_ACTIONS.contains(action);
        }
        ContextGrant g = grants.get(context);
        return g != null && g.actions().contains(action);
    }

    /** The actions {@code context} may request, for messages. */
    public Set<ActionType> actionsOf(String context) {
        if (!bound()) {
            return OPEN_ACTIONS;
        }
        ContextGrant g = grants.get(context);
        return g == null ? Set.of() : g.actions();
    }

    @Override
    public String toString() {
        return bound() ? "bound contexts " + grants.values() : "open (no contexts configured)";
    }
}
