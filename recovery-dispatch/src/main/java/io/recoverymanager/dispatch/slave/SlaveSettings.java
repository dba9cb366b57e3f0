package io.recoverymanager.dispatch.slave;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SlaveLink} reaches its master.
 *
 * @param socket the master's socket ({@code [ipc] socket})
 * @param context this slave's context name, claimed at hello
 * @param timeout hello-ack deadline and idle deadline ({@code [ipc] timeout}); heartbeats every third
 * @param backoffMin first delay before reconnecting
 * @param backoffMax the delay doubles up to this
 * @param ackWait how long a forwarded action's stage waits for the master's acknowledgement before
 *     completing with a "queued, will resend" outcome (the request stays in the outbox regardless)
 *     <p>Thread-safety: immutable.
 */
public record SlaveSettings(
        Path socket, String context, Duration timeout, Duration backoffMin, Duration backoffMax, Duration ackWait) {
    public SlaveSettings {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(ackWait, "ackWait");
        if (timeout.isNegative() || timeout.isZero() || backoffMin.isNegative() || backoffMin.isZero()) {
            throw new IllegalArgumentException("ipc timeout and backoff must be positive");
        }
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoffMax must not be below backoffMin");
        }
    }

    /** Defaults: backoff 200 ms doubling to 10 s, acknowledgement wait = timeout. */
    public static SlaveSettings of(Path socket, String context, Duration timeout) {
        return new SlaveSettings(socket, context, timeout, Duration.ofMillis(200), Duration.ofSeconds(10), timeout);
    }
}
