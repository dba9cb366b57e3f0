package io.recoverymanager.systemd;

import io.recoverymanager.core.model.ServiceFailure;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides when a service has failed and gives each failure a stable identity, so a duplicate
 * signal, an out-of-order signal or a resync after a reconnect never reports the same failure twice.
 *
 * <p>A failure is {@code ActiveState=failed}. A service in {@code auto-restart} is being restarted
 * by systemd itself and has not failed. Beware: systemd 252 passes such a service through {@code
 * failed/failed} for an instant (a separate {@code PropertiesChanged}) before {@code
 * activating/auto-restart}; the adapter confirms a failure seen in a signal by reading the unit's
 * state back (see {@link SystemdServiceManager}), which systemd answers only after that instant.
 *
 * <p>The identity is the service name plus the unit's {@code StateChangeTimestamp} (microseconds,
 * realtime) at the moment it is failed. systemd keeps that timestamp across {@code daemon-reload}
 * and {@code daemon-reexec}, it stays put while the unit stays failed, and it changes with every
 * state change, so it also tells apart a {@code start-limit-hit} failure that re-enters {@code
 * failed} without a new invocation. {@code InvocationID} alone is not stable: observed on systemd
 * 252, a restart of a failed unit first emits a {@code PropertiesChanged} with the <em>new</em>
 * invocation id while {@code ActiveState} is still {@code failed} (and {@code Result=success});
 * such a transitional view is ignored.
 *
 * <p>Thread-safety: not thread-safe; owned by the adapter's event thread.
 */
final class FailureDetector {
    /** How many identities per service are remembered (older, reordered signals stay deduped). */
    static final int REMEMBERED_PER_SERVICE = 16;

    private final Map<String, Deque<String>> reported = new HashMap<>();

    /** True when these states mean "systemd gave up on the service". */
    static boolean isFailed(String activeState, String subState) {
        return "failed".equals(activeState) && !isSystemdRestarting(subState);
    }

    /**
     * True for the sub states of a service systemd is restarting by itself ({@code auto-restart};
     * systemd 254+ also {@code failed-before-auto-restart}).
     */
    static boolean isSystemdRestarting(String subState) {
        return subState != null && subState.contains("auto-restart");
    }

    /**
     * True when the view shows a failure with details that was not reported yet (nothing is
     * recorded; see {@link #decide}).
     */
    boolean isNew(UnitView view) {
        if (!isFailed(view.activeState, view.subState) || !view.hasFailureDetails() || isTransitional(view)) {
            return false;
        }
        Deque<String> seen = reported.get(view.service);
        return seen == null || !seen.contains(identity(view.service, view.stateChangeMicros));
    }

    /** The identity of the failure a unit is currently in. */
    static String identity(String service, long stateChangeMicros) {
        return service + "@" + stateChangeMicros;
    }

    /** True for a failed unit whose start job already began (new invocation, result reset). */
    static boolean isTransitional(UnitView view) {
        return "success".equals(view.result);
    }

    /**
     * The failure to report for this view, if it shows a failure not reported before. The view must
     * carry its failure details ({@link UnitView#hasFailureDetails()}).
     */
    Optional<ServiceFailure> decide(UnitView view, Instant observedAt) {
        if (!isFailed(view.activeState, view.subState)) {
            return Optional.empty();
        }
        if (!view.hasFailureDetails()) {
            throw new IllegalStateException("FailureDetector.decide: " + view.service + " lacks failure details");
        }
        if (isTransitional(view)) {
            return Optional.empty();
        }
        String id = identity(view.service, view.stateChangeMicros);
        Deque<String> seen = reported.computeIfAbsent(view.service, s -> new ArrayDeque<>());
        if (seen.contains(id)) {
            return Optional.empty();
        }
        seen.addLast(id);
        if (seen.size() > REMEMBERED_PER_SERVICE) {
            seen.removeFirst();
        }
        // ExecMainCode: 0 = never ran, 1 = exited (status is the exit code), 2/3 = killed/dumped
        // (status is the signal number).
        OptionalInt exitStatus = view.execMainCode > 0 ? OptionalInt.of(view.execMainStatus) : OptionalInt.empty();
        Instant at = view.stateChangeMicros > 0 ? Instant.EPOCH.plusNanos(view.stateChangeMicros * 1000L) : observedAt;
        OptionalInt signal = view.execMainCode == 2 || view.execMainCode == 3
                ? OptionalInt.of(view.execMainStatus)
                : OptionalInt.empty();
        return Optional.of(
                new ServiceFailure(view.service, view.result, exitStatus, id, at, signal, view.invocationId));
    }
}
