package io.recoverymanager.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A service's transition into the failed state, as reported by a {@link io.recoverymanager.core.spi.ServiceManager}.
 *
 * @param service the concrete service name, e.g. {@code echo.service}
 * @param result systemd's {@code Result} property: {@code exit-code}, {@code signal}, {@code
 *     core-dump}, {@code watchdog}, {@code timeout}, {@code start-limit-hit}, ...
 * @param exitStatus the main process exit status (or signal number), when known
 * @param failureId a stable identity of this failure (for example the invocation id), so the same
 *     failure reported twice (duplicate signal, resync after reconnect) is counted once
 * @param at when the failure was observed
 * @param signal the signal that ended the main process, when it was killed by one (systemd's {@code
 *     ExecMainCode} killed or dumped; {@link #exitStatus} then holds the same number)
 * @param invocationId the failed run's invocation id (systemd's {@code InvocationID}, 32 hex
 *     digits), or empty when unknown
 *     <p>Thread-safety: immutable.
 */
public record ServiceFailure(
        String service,
        String result,
        OptionalInt exitStatus,
        String failureId,
        Instant at,
        OptionalInt signal,
        String invocationId) {
    public ServiceFailure {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(exitStatus, "exitStatus");
        Objects.requireNonNull(failureId, "failureId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(invocationId, "invocationId");
    }

    /** A failure without signal and invocation id (adapters that do not know them). */
    public ServiceFailure(String service, String result, OptionalInt exitStatus, String failureId, Instant at) {
        this(service, result, exitStatus, failureId, at, OptionalInt.empty(), "");
    }

    /** The exit status of a main process that exited by itself (not killed by a signal). */
    public OptionalInt exitCode() {
        return signal.isPresent() ? OptionalInt.empty() : exitStatus;
    }
}
