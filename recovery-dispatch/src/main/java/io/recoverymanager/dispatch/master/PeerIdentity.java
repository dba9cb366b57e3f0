package io.recoverymanager.dispatch.master;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a connected peer is, as the kernel and systemd-machined say (never as the peer says).
 *
 * @param uid the peer's uid from {@code SO_PEERCRED}
 * @param machine the machine the peer's process belongs to, per systemd-machined; empty when the
 *     peer is no registered machine's process or machined cannot be asked
 *     <p>Thread-safety: immutable.
 */
public record PeerIdentity(int uid, Optional<String> machine) {
    public PeerIdentity {
        Objects.requireNonNull(machine, "machine");
    }

    @Override
    public String toString() {
        return "uid " + uid + machine.map(m -> " in machine " + m).orElse("");
    }
}
