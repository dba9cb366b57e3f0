package io.recoverymanager.dispatch.master;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.protocol.Names;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may claim one slave context on the master socket, and which system actions that context may
 * ask for ({@code [[ipc.context]]} in the daemon's config).
 *
 * @param name the context name the slave sends in its hello
 * @param uid the uid the kernel reports for the peer ({@code SO_PEERCRED}); for a container with a
 *     user namespace this is the mapped uid as the host sees it (e.g. 100000)
 * @param machine the systemd-machined machine name the peer's process must belong to, or empty when
 *     the peer must not be a registered machine's process (or machined is absent)
 * @param actions the system-level actions this context may request; {@code restart-context} (of its
 *     own context) is the usual one, {@code restart-platform} and {@code factory-reset} act on the
 *     whole host and must be granted explicitly
 *     <p>Thread-safety: immutable.
 */
public record ContextGrant(String name, int uid, Optional<String> machine, Set<ActionType> actions) {
    public ContextGrant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(machine, "machine");
        Names.contextProblem(name).ifPresent(p -> {
            throw new IllegalArgumentException("context name: " + p);
        });
        if (uid < 0) {
            throw new IllegalArgumentException("context " + name + ": uid " + uid + " is not a uid");
        }
        for (ActionType a : actions) {
            if (!a.isSystemLevel()) {
                throw new IllegalArgumentException(
                        "context " + name + ": " + a + " is not a system-level action; a slave runs it itself");
            }
        }
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
    }

    /** A grant with the default action set: restart of its own context only. */
    public static ContextGrant of(String name, int uid, Optional<String> machine) {
        return new ContextGrant(name, uid, machine, Set.of(ActionType.RESTART_CONTEXT));
    }
}
