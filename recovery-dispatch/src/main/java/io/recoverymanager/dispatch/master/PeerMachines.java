package io.recoverymanager.dispatch.master;

import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * Finds the systemd-machined machine a connected peer's process belongs to ({@code
 * org.freedesktop.machine1.Manager.GetMachineByPID} for the peer's pid). Implementations live where
 * D-Bus is available (the daemon); dispatch itself knows none.
 *
 * <p>Thread-safety: implementations must be safe for use from any thread.
 */
@FunctionalInterface
public interface PeerMachines {
    /** The peer's machine name, or empty when it is none's or cannot be found out. */
    Optional<String> machineOf(SocketChannel peer);

    /** No machine lookup: every peer counts as no machine's process. */
    static PeerMachines none() {
        return peer -> Optional.empty();
    }
}
