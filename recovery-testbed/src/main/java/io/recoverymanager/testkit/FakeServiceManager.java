package io.recoverymanager.testkit;

import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.model.ServiceStatus;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.ServiceObserver;
import io.recoverymanager.core.unit.ServiceNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A scriptable stand-in for systemd. Register services, make them fail with a result, script how
 * they react to a restart (come back, or fail again), and read back every control call.
 *
 * <p>Like systemd, it reports failures with a fresh identity per invocation, so the same failure
 * reported twice ({@link #repeatLastFailure}) is recognised by the engine's store.
 *
 * <p>It passes the same {@code ServiceManagerContract} as the systemd adapter, so it cannot drift
 * from the real thing: signals 1, 10 and 12 are handled by the process, 15 stops it cleanly, any
 * other signal kills it (result {@code signal}); bad unit names are refused.
 *
 * <p>Thread-safety: thread-safe (all methods synchronized); observer callbacks run on the calling
 * thread.
 */
public final class FakeServiceManager implements ServiceManager {

    /** How a service reacts when it is restarted or started. */
    public enum OnStart {
        /** It comes up and stays up. */
        BECOME_ACTIVE,
        /** It fails again at once (with the result {@code exit-code}). */
        FAIL_AGAIN,
        /** systemd refuses the job (the stage completes exceptionally). */
        REFUSE,
        /**
         * The job is queued but never finishes (the stage never completes), as when the daemon is
         * killed while waiting for it; the service stays as it was.
         */
        HANG
    }

    /**
     * A control call received.
     *
     * @param kind restart, start, stop, signal, disable or status
     * @param service the service
     * @param signal the signal number for {@code signal}, else 0
     */
    public record ControlCall(String kind, String service, int signal) {}

    private static final int SIGHUP = 1;
    private static final int SIGUSR1 = 10;
    private static final int SIGUSR2 = 12;
    private static final int SIGTERM = 15;

    private final Clock clock;
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final List<ControlCall> calls = new ArrayList<>();
    private ServiceObserver observer;
    private long invocations;

    public FakeServiceManager(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Registers an active service (notifying the observer, as systemd's UnitNew would). */
    public synchronized FakeServiceManager register(String service) {
        boolean known = units.containsKey(service);
        unit(service).activeState = "active";
        if (!known && observer != null) {
            observer.serviceAdded(service);
        }
        return this;
    }

    /**
     * Defines a service that is known but not started (as a unit file systemd has loaded), notifying
     * the observer as systemd's UnitNew would.
     */
    public synchronized FakeServiceManager define(String service) {
        boolean known = units.containsKey(service);
        unit(service).activeState = "inactive";
        if (!known && observer != null) {
            observer.serviceAdded(service);
        }
        return this;
    }

    /** The service's main process exits with the status: a failure with result {@code exit-code}. */
    public synchronized ServiceFailure exitMainProcess(String service, int status) {
        return fail(service, "exit-code", OptionalInt.of(status));
    }

    /** Scripts how the service reacts to the next restarts and starts. */
    public synchronized FakeServiceManager onStart(String service, OnStart behaviour) {
        unit(service).onStart = Objects.requireNonNull(behaviour, "behaviour");
        return this;
    }

    /** Puts a service in the inactive state without reporting a failure. */
    public synchronized FakeServiceManager deactivate(String service) {
        unit(service).activeState = "inactive";
        return this;
    }

    /** Makes the service fail with the result (e.g. {@code exit-code}, {@code signal}, {@code watchdog}). */
    public synchronized ServiceFailure fail(String service, String result) {
        return fail(service, result, OptionalInt.of(1));
    }

    /** Makes the service fail with the result and main-process status. */
    public synchronized ServiceFailure fail(String service, String result, OptionalInt exitStatus) {
        Unit unit = unit(service);
        unit.activeState = "failed";
        String invocation = "invocation-" + (++invocations);
        // as systemd reports it: a main process killed by a signal has the signal as its status
        java.util.OptionalInt signal =
                "signal".equals(result) || "core-dump".equals(result) ? exitStatus : java.util.OptionalInt.empty();
        unit.lastFailure =
                new ServiceFailure(service, result, exitStatus, invocation, clock.instant(), signal, invocation);
        report(unit.lastFailure);
        return unit.lastFailure;
    }

    /** Reports the service's last failure again, as a duplicate signal or a resync would. */
    public synchronized void repeatLastFailure(String service) {
        ServiceFailure last = unit(service).lastFailure;
        if (last == null) {
            throw new IllegalStateException(service + " has not failed");
        }
        report(last);
    }

    /** Every control call received, in order. */
    public synchronized List<ControlCall> calls() {
        return List.copyOf(calls);
    }

    /** Control calls of one kind for one service. */
    public synchronized long count(String kind, String service) {
        return calls.stream()
                .filter(c -> c.kind().equals(kind) && c.service().equals(service))
                .count();
    }

    /** The service's current active state. */
    public synchronized String activeState(String service) {
        Unit unit = units.get(service);
        return unit == null ? "inactive" : unit.activeState;
    }

    /** Whether the service is masked until the next boot. */
    public synchronized boolean isMasked(String service) {
        Unit unit = units.get(service);
        return unit != null && unit.masked;
    }

    @Override
    public synchronized void watch(ServiceObserver observer) {
        if (this.observer != null) {
            throw new IllegalStateException("already watched");
        }
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public synchronized CompletionStage<Void> restart(String service) {
        Optional<CompletionStage<Void>> refused = refuseBadName(service);
        if (refused.isPresent()) {
            return refused.get();
        }
        calls.add(new ControlCall("restart", service, 0));
        return startJob(service);
    }

    @Override
    public synchronized CompletionStage<Void> start(String service) {
        Optional<CompletionStage<Void>> refused = refuseBadName(service);
        if (refused.isPresent()) {
            return refused.get();
        }
        calls.add(new ControlCall("start", service, 0));
        return startJob(service);
    }

    @Override
    public synchronized CompletionStage<Void> stop(String service) {
        calls.add(new ControlCall("stop", service, 0));
        unit(service).activeState = "inactive";
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> signal(String service, int signal) {
        calls.add(new ControlCall("signal", service, signal));
        Unit unit = unit(service);
        if (!"active".equals(unit.activeState)) {
            return CompletableFuture.failedFuture(new IllegalStateException(service + " has no main process"));
        }
        switch (signal) {
            case SIGHUP, SIGUSR1, SIGUSR2 -> {
                // handled by the process: it keeps running
            }
            case SIGTERM -> unit.activeState = "inactive"; // a clean exit for systemd
            default -> fail(service, "signal", OptionalInt.of(signal));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> disableForBoot(String service) {
        calls.add(new ControlCall("disable", service, 0));
        Unit unit = unit(service);
        unit.activeState = "inactive";
        unit.masked = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<ServiceStatus> status(String service) {
        calls.add(new ControlCall("status", service, 0));
        Unit unit = units.get(service);
        if (unit == null) {
            return CompletableFuture.completedFuture(new ServiceStatus(service, "inactive", "dead"));
        }
        String sub =
                switch (unit.activeState) {
                    case "active" -> "running";
                    case "failed" -> "failed";
                    default -> "dead";
                };
        return CompletableFuture.completedFuture(new ServiceStatus(service, unit.activeState, sub));
    }

    private static Optional<CompletionStage<Void>> refuseBadName(String service) {
        if (!ServiceNames.isService(service) || service.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(CompletableFuture.failedFuture(
                    new IllegalArgumentException("not a service unit name: \"" + service + "\"")));
        }
        return Optional.empty();
    }

    private CompletionStage<Void> startJob(String service) {
        Unit unit = unit(service);
        if (unit.masked) {
            return CompletableFuture.failedFuture(new IllegalStateException("Unit " + service + " is masked."));
        }
        switch (unit.onStart) {
            case HANG:
                return new CompletableFuture<>();
            case REFUSE:
                return CompletableFuture.failedFuture(new IllegalStateException("job for " + service + " refused"));
            case FAIL_AGAIN:
                unit.activeState = "active";
                CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
                fail(service, "exit-code");
                return done;
            case BECOME_ACTIVE:
            default:
                unit.activeState = "active";
                return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Simulates a reconnect to systemd: reports every service still failed again (with its last
     * failure identity), then tells the observer it resynced.
     */
    public synchronized void resync() {
        if (observer == null) {
            return;
        }
        for (Unit unit : units.values()) {
            if ("failed".equals(unit.activeState) && unit.lastFailure != null) {
                observer.serviceFailed(unit.lastFailure);
            }
        }
        observer.resynced();
    }

    private void report(ServiceFailure failure) {
        if (observer != null) {
            observer.serviceFailed(failure);
        }
    }

    private Unit unit(String service) {
        return units.computeIfAbsent(service, s -> new Unit());
    }

    private static final class Unit {
        String activeState = "active";
        OnStart onStart = OnStart.BECOME_ACTIVE;
        boolean masked;
        ServiceFailure lastFailure;
    }
}
