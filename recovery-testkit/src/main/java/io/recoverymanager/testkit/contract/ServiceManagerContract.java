package io.recoverymanager.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.model.ServiceStatus;
import io.recoverymanager.core.spi.ServiceManager;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link ServiceManager} must share, whether a fake or systemd: subclass it, provide
 * the manager under test and the few world-changing hooks, and JUnit runs the contract.
 *
 * <p>The world each test assumes: {@link #addService(String)} defines a long-running service that is
 * not started; {@link #exitMainProcess(String, int)} makes its running main process exit with a
 * status (a real failure, not a stop request). The contract calls {@link ServiceManager#watch} itself
 * (once per test, through {@link #watching()}), so subclasses create a fresh manager per test
 * (for example in a {@code @BeforeEach}, closed in an {@code @AfterEach}).
 *
 * <p>Thread-safety: a JUnit test class; not shared between threads.
 */
public abstract class ServiceManagerContract {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private RecordingServiceObserver observer;

    /** The manager under test; the same instance for the whole test. */
    protected abstract ServiceManager manager();

    /** Defines a long-running service that is known to the manager but not started. */
    protected abstract void addService(String service);

    /** Makes the running main process of the service exit with this status. */
    protected abstract void exitMainProcess(String service, int status);

    /**
     * Called right after {@code watch}: wait until the manager delivers events (a real adapter
     * connects and lists units first). Default: nothing to wait for.
     */
    protected void awaitWatching() {}

    /** How long a test waits for anything to happen. */
    protected Duration timeout() {
        return Duration.ofSeconds(90); // generous: CI machines are loaded
    }

    /** A fresh service name for this test ({@code contract-N-<hint>.service}). */
    protected static String serviceName(String hint) {
        return "contract-" + NAMES.incrementAndGet() + "-" + hint + ".service";
    }

    /** Starts watching (once) and returns the recorder. */
    protected final RecordingServiceObserver watching() {
        if (observer == null) {
            observer = new RecordingServiceObserver();
            manager().watch(observer);
            awaitWatching();
        }
        return observer;
    }

    private ServiceStatus status(String service) {
        return Await.done(manager().status(service), timeout(), "status of " + service);
    }

    private ServiceStatus awaitStatus(
            String service, java.util.function.Predicate<ServiceStatus> condition, String what) {
        return Await.until(() -> status(service), condition, timeout(), service + " " + what);
    }

    private void startAndAwaitUp(String service) {
        Await.done(manager().start(service), timeout(), "start of " + service);
        awaitStatus(service, s -> s.activeState().equals("active"), "active");
    }

    @Test
    void failureIsReportedWithItsResultAndExitStatus() {
        RecordingServiceObserver events = watching();
        String service = serviceName("exit");
        addService(service);
        startAndAwaitUp(service);

        exitMainProcess(service, 3);

        ServiceFailure failure = events.awaitFailures(service, 1, timeout());
        assertThat(failure.result()).isEqualTo("exit-code");
        assertThat(failure.exitStatus()).hasValue(3);
        assertThat(failure.failureId()).isNotBlank();
        assertThat(status(service).isFailed()).isTrue();
    }

    @Test
    void restartMakesAFailedServiceActiveAgain() {
        RecordingServiceObserver events = watching();
        String service = serviceName("restart");
        addService(service);
        startAndAwaitUp(service);
        exitMainProcess(service, 1);
        events.awaitFailures(service, 1, timeout());

        Await.done(manager().restart(service), timeout(), "restart of " + service);

        awaitStatus(service, s -> s.activeState().equals("active"), "active after restart");
    }

    @Test
    void failedThenRestartedThenFailedIsTwoDistinctFailures() {
        RecordingServiceObserver events = watching();
        String service = serviceName("twice");
        addService(service);
        startAndAwaitUp(service);
        exitMainProcess(service, 4);
        ServiceFailure first = events.awaitFailures(service, 1, timeout());
        Await.done(manager().restart(service), timeout(), "restart of " + service);
        awaitStatus(service, s -> s.activeState().equals("active"), "active after restart");

        exitMainProcess(service, 5);

        ServiceFailure second = events.awaitFailures(service, 2, timeout());
        assertThat(second.failureId()).isNotEqualTo(first.failureId());
        assertThat(second.exitStatus()).hasValue(5);
        assertThat(events.failuresOf(service)).hasSize(2);
    }

    @Test
    void aServiceAddedAfterWatchingStartedIsWatched() {
        RecordingServiceObserver events = watching();
        String service = serviceName("later");

        addService(service);
        startAndAwaitUp(service);
        exitMainProcess(service, 6);

        events.awaitAdded(service, timeout());
        assertThat(events.awaitFailures(service, 1, timeout()).exitStatus()).hasValue(6);
    }

    @Test
    void startStopAndStatus() {
        RecordingServiceObserver events = watching();
        String service = serviceName("startstop");
        addService(service);

        startAndAwaitUp(service);
        assertThat(status(service).isUp()).isTrue();

        Await.done(manager().stop(service), timeout(), "stop of " + service);
        ServiceStatus stopped = awaitStatus(service, s -> !s.isUp(), "down after stop");
        assertThat(stopped.activeState()).isEqualTo("inactive");
        assertThat(events.failuresOf(service)).isEmpty();
    }

    @Test
    void anUnknownServiceIsInactiveAndDead() {
        ServiceStatus status = status(serviceName("unknown"));
        assertThat(status.activeState()).isEqualTo("inactive");
        assertThat(status.subState()).isEqualTo("dead");
    }

    @Test
    void signalReachesTheMainProcess() {
        RecordingServiceObserver events = watching();
        String service = serviceName("signal");
        addService(service);
        startAndAwaitUp(service);

        Await.done(manager().signal(service, 9), timeout(), "SIGKILL to " + service);

        ServiceFailure failure = events.awaitFailures(service, 1, timeout());
        assertThat(failure.result()).isEqualTo("signal");
        assertThat(failure.exitStatus()).hasValue(9);
    }

    @Test
    void badServiceNamesAreRefusedWithTheReason() {
        Throwable error = Await.failure(manager().restart("not a service"), timeout(), "restart of a bad name");
        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a service");
    }
}
