package io.recoverymanager.systemd;

import java.time.Duration;
import java.util.Objects;

/**
 * How the adapter connects to systemd and how it behaves around reconnects.
 *
 * @param bus where systemd is reached
 * @param connectTimeout how long one connection attempt may take
 * @param reconnectInitialBackoff the first delay before reconnecting after a lost connection
 * @param reconnectMaxBackoff the cap of the doubling reconnect delay
 * @param jobTimeout how long a control call waits for systemd's {@code JobRemoved} before it
 *     completes exceptionally
 * @param reportFailedAtStart whether services already failed when watching starts are reported
 *     (once each; their failure identity lets the engine's store recognise ones it already saw)
 *     <p>Thread-safety: immutable.
 */
public record SystemdConnectionConfig(
        BusAddress bus,
        Duration connectTimeout,
        Duration reconnectInitialBackoff,
        Duration reconnectMaxBackoff,
        Duration jobTimeout,
        boolean reportFailedAtStart) {

    public SystemdConnectionConfig {
        Objects.requireNonNull(bus, "bus");
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("reconnectInitialBackoff", reconnectInitialBackoff);
        requirePositive("reconnectMaxBackoff", reconnectMaxBackoff);
        requirePositive("jobTimeout", jobTimeout);
        if (reconnectMaxBackoff.compareTo(reconnectInitialBackoff) < 0) {
            throw new IllegalArgumentException("SystemdConnectionConfig.reconnectMaxBackoff (" + reconnectMaxBackoff
                    + ") is below reconnectInitialBackoff (" + reconnectInitialBackoff + ")");
        }
    }

    /** Defaults for a bus: 5 s connect timeout, reconnect backoff 50 ms doubling to 5 s, 5 min jobs. */
    public static SystemdConnectionConfig of(BusAddress bus) {
        return new SystemdConnectionConfig(
                bus, Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofMinutes(5), true);
    }

    /** A copy with another job timeout. */
    public SystemdConnectionConfig withJobTimeout(Duration timeout) {
        return new SystemdConnectionConfig(
                bus, connectTimeout, reconnectInitialBackoff, reconnectMaxBackoff, timeout, reportFailedAtStart);
    }

    /** A copy with another reconnect backoff range. */
    public SystemdConnectionConfig withReconnectBackoff(Duration initial, Duration max) {
        return new SystemdConnectionConfig(bus, connectTimeout, initial, max, jobTimeout, reportFailedAtStart);
    }

    /** A copy that does (or does not) report services already failed when watching starts. */
    public SystemdConnectionConfig withReportFailedAtStart(boolean report) {
        return new SystemdConnectionConfig(
                bus, connectTimeout, reconnectInitialBackoff, reconnectMaxBackoff, jobTimeout, report);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("SystemdConnectionConfig." + name + ": must be positive, was " + value);
        }
    }
}
