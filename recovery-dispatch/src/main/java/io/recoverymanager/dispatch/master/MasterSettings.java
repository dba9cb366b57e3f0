package io.recoverymanager.dispatch.master;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link MasterServer} listens.
 *
 * @param socket the socket path ({@code [ipc] socket})
 * @param context the master's own context name (slaves may not claim it)
 * @param timeout hello deadline and idle deadline ({@code [ipc] timeout}); heartbeats go out every
 *     third of it
 * @param allowedUids the uids whose processes may connect ({@code [ipc] allowed-uids})
 * @param maxConnections connections beyond this are closed at once
 * @param outboundQueueFrames frames queued per connection before the peer counts as too slow
 * @param maxRequestsInFlight requests one connection may have running before it counts as abusive
 *     <p>Thread-safety: immutable.
 */
public record MasterSettings(
        Path socket,
        String context,
        Duration timeout,
        Set<Integer> allowedUids,
        int maxConnections,
        int outboundQueueFrames,
        int maxRequestsInFlight) {
    public MasterSettings {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(timeout, "timeout");
        allowedUids = Set.copyOf(allowedUids);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ipc timeout must be positive, was " + timeout);
        }
        if (maxConnections < 1 || outboundQueueFrames < 1 || maxRequestsInFlight < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
    }

    /** Settings with the default limits: 64 connections, 256 queued frames, 32 requests in flight. */
    public static MasterSettings of(Path socket, String context, Duration timeout, Set<Integer> allowedUids) {
        return new MasterSettings(socket, context, timeout, allowedUids, 64, 256, 32);
    }
}
