package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.model.ServiceStatus;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.ServiceObserver;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.testkit.FakeServiceManager;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.RecordingListener;
import io.recoverymanager.testkit.RecordingSystemActions;
import io.recoverymanager.testkit.UnitBuilder;
import io.recoverymanager.testkit.VirtualEventLoop;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, group commit: the failures the engine's loop drains together are counted in one store
 * commit (one transaction, one flush for the SQLite store), and the writes that follow them (relax
 * deadlines, closed pending actions) share commits too, off the failure path; still, no restart is
 * issued before its failure's count and intent are in the store.
 */
class GroupCommitTest {
    private static final int STORM = 50;
    private static final Set<String> WRITES = Set.of(
            "countFailure",
            "commitBatch",
            "armRelax",
            "relaxIfUnchanged",
            "reset",
            "markPendingStarted",
            "closePendingAction");

    private final ManualClock clock = new ManualClock();
    private final VirtualEventLoop loop = new VirtualEventLoop(clock);
    private final FakeServiceManager systemd = new FakeServiceManager(clock);
    private final InMemoryRecoveryStore disk = new InMemoryRecoveryStore();
    private final List<String> writeCalls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> restartedBeforeCounted = Collections.synchronizedList(new ArrayList<>());
    private final RecordingListener events = new RecordingListener();

    /** The in-memory store, recording every write call made on the port. */
    private final RecoveryStore recording = (RecoveryStore) Proxy.newProxyInstance(
            RecoveryStore.class.getClassLoader(), new Class<?>[] {RecoveryStore.class}, (proxy, method, args) -> {
                if (WRITES.contains(method.getName())) {
                    writeCalls.add(method.getName());
                }
                try {
                    return method.invoke(disk, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    /** The fake systemd, noting every restart issued while its failure's count is not in the store. */
    private final ServiceManager checking = new ServiceManager() {
        @Override
        public void watch(ServiceObserver observer) {
            systemd.watch(observer);
        }

        @Override
        public CompletionStage<Void> restart(String service) {
            if (disk.state(service).rvector() == 0
                    || disk.pendingActions().stream().noneMatch(p -> p.service().equals(service))) {
                restartedBeforeCounted.add(service);
            }
            return systemd.restart(service);
        }

        @Override
        public CompletionStage<Void> start(String service) {
            return systemd.start(service);
        }

        @Override
        public CompletionStage<Void> stop(String service) {
            return systemd.stop(service);
        }

        @Override
        public CompletionStage<Void> signal(String service, int signal) {
            return systemd.signal(service, signal);
        }

        @Override
        public CompletionStage<Void> disableForBoot(String service) {
            return systemd.disableForBoot(service);
        }

        @Override
        public CompletionStage<ServiceStatus> status(String service) {
            return systemd.status(service);
        }
    };

    private final RecoveryEngine engine = RecoveryEngine.builder()
            .context("host")
            .bootId("boot-1")
            .integrityCheckDelay(Duration.ofHours(1))
            .clock(clock)
            .loop(loop)
            .store(recording)
            .serviceManager(checking)
            .systemActions(RecordingSystemActions.master())
            .listener(events)
            .build();

    private List<String> storm() {
        engine.syncUnits(UnitCatalog.of(List.of(UnitBuilder.forService("app@.service")
                .action(RESTART_SERVICE, 5)
                .build())));
        engine.start();
        loop.runPending();
        writeCalls.clear();
        return IntStream.rangeClosed(1, STORM)
                .mapToObj(i -> "app@" + i + ".service")
                .toList();
    }

    @Test
    void failuresDrainedTogetherShareOneCommitAndEachRestartFollowsItsCount() {
        List<String> services = storm();
        // All fail before the loop runs: they are drained together.
        services.forEach(s -> systemd.fail(s, "exit-code"));

        loop.runPending();

        assertThat(services).allSatisfy(s -> {
            assertThat(systemd.count("restart", s)).as(s).isEqualTo(1);
            assertThat(disk.state(s).rvector()).as(s).isEqualTo(1);
        });
        assertThat(restartedBeforeCounted)
                .as("restarts issued before their count was committed")
                .isEmpty();
        assertThat(disk.pendingActions()).isEmpty();
        assertThat(events.events(RecoveryEvent.FailureObserved.class)).hasSize(STORM);
        // The counts in one commit; the relax deadlines and the closed pending actions after it in
        // at most two more: not one commit per write (150 for 50 failures before).
        assertThat(writeCalls).as("store writes").startsWith("commitBatch").hasSizeLessThanOrEqualTo(3);
        assertThat(writeCalls).doesNotContain("countFailure", "armRelax", "closePendingAction");
    }

    @Test
    void aStaleReportDrainedTogetherWithANewerFailureOfTheSameServiceIsNotCounted() {
        String service = storm().get(0);
        java.time.Instant now = clock.instant();
        engine.serviceFailed(new ServiceFailure(service, "exit-code", OptionalInt.of(3), "new", now));
        engine.serviceFailed(new ServiceFailure(service, "exit-code", OptionalInt.of(3), "stale", now.minusSeconds(5)));

        loop.runPending();

        assertThat(disk.state(service).rvector()).isEqualTo(1);
        assertThat(disk.state(service).lastFailureId()).contains("new");
    }

    @Test
    void theRelaxDeadlineWrittenLaterIsStillInTheStoreAndTheTimerStillRelaxes() {
        List<String> services = storm();
        systemd.fail(services.get(0), "exit-code");
        loop.runPending();

        assertThat(disk.state(services.get(0)).relaxDeadline()).isPresent();
        loop.advance(Duration.ofMinutes(2));
        assertThat(disk.state(services.get(0)).rvector()).isZero();
        assertThat(events.events(RecoveryEvent.Recovered.class)).hasSize(1);
    }
}
