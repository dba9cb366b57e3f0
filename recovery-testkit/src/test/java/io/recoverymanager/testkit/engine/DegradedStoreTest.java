package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESET_PUBLIC_DATA;
import static io.recoverymanager.core.unit.ActionType.RESTART_PLATFORM;
import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.store.DegradableRecoveryStore;
import io.recoverymanager.core.store.StoreHealthListener;
import io.recoverymanager.core.store.UnitSync;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a store that cannot commit (disk full) does not stop recovery. Restarts go on with the
 * counts in memory, destructive actions are refused, and the counts reach the store when it can
 * commit again.
 */
class DegradedStoreTest {
    private static final String APP = "app.service";
    private static final Set<String> WRITES = Set.of(
            "applyUnitSync",
            "countFailure",
            "commitBatch",
            "armRelax",
            "relaxIfUnchanged",
            "reset",
            "enterMeditation",
            "endMeditation",
            "markPendingStarted",
            "closePendingAction",
            "appendHistory");

    /** What the SQLite store throws when the disk is full. */
    static final class DiskFull extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DiskFull() {
            super("database or disk is full");
        }
    }

    private final ManualClock clock = new ManualClock();
    private final VirtualEventLoop loop = new VirtualEventLoop(clock);
    private final FakeServiceManager systemd = new FakeServiceManager(clock);
    private final InMemoryRecoveryStore disk = new InMemoryRecoveryStore();
    private final RecordingSystemActions systemActions = RecordingSystemActions.master();
    private final RecordingListener events = new RecordingListener();
    private final List<String> health = new ArrayList<>();
    private boolean full;

    /** The in-memory store, failing every write with {@link DiskFull} while {@link #full}. */
    private final RecoveryStore fillable = (RecoveryStore) Proxy.newProxyInstance(
            RecoveryStore.class.getClassLoader(), new Class<?>[] {RecoveryStore.class}, (proxy, method, args) -> {
                if (full && WRITES.contains(method.getName())) {
                    throw new DiskFull();
                }
                try {
                    return method.invoke(disk, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    private final DegradableRecoveryStore store = new DegradableRecoveryStore(
            fillable,
            e -> e instanceof DiskFull,
            new StoreHealthListener() {
                @Override
                public void degraded(String reason) {
                    health.add("degraded: " + reason);
                }

                @Override
                public void recovered(int writtenBack) {
                    health.add("recovered: " + writtenBack);
                }
            },
            DegradableRecoveryStore.DEFAULT_HISTORY_BUFFER);

    private final RecoveryEngine engine = RecoveryEngine.builder()
            .context("host")
            .bootId("boot-1")
            .integrityCheckDelay(Duration.ofHours(1))
            .clock(clock)
            .loop(loop)
            .store(store)
            .serviceManager(systemd)
            .systemActions(systemActions)
            .listener(events)
            .listener(e -> store.appendHistory(e.toHistoryEntry()))
            .build();

    private void start(UnitBuilder unit) {
        engine.syncUnits(UnitCatalog.of(List.of(unit.build())));
        engine.start();
        loop.runPending();
    }

    private void fail() {
        systemd.fail(APP, "exit-code");
        loop.runPending();
    }

    @Test
    void restartsGoOnWithTheCountInMemoryWhileTheDiskIsFull() {
        start(UnitBuilder.forService(APP)
                .action(RESTART_SERVICE, 5)
                .action(RESET_PUBLIC_DATA)
                .publicData("/srv/app"));

        full = true;
        fail();
        fail();
        fail();

        assertThat(systemd.count("restart", APP)).isEqualTo(3);
        assertThat(events.events(RecoveryEvent.FailureObserved.class))
                .extracting(RecoveryEvent::rvector)
                .containsExactly(1, 2, 3);
        assertThat(store.state(APP).rvector()).isEqualTo(3);
        assertThat(disk.state(APP).rvector()).isZero();
        assertThat(store.degradation()).hasValue("database or disk is full");
        assertThat(store.escalated()).extracting(r -> r.rvector()).containsExactly(3);
        assertThat(health).containsExactly("degraded: database or disk is full");
    }

    @Test
    void aLateReportOfAnEarlierFailureIsNotCountedInMemoryEither() {
        full = true;
        Instant t0 = clock.instant();
        store.countFailure(APP, "second", t0.plusSeconds(5));

        FailureCount late = store.countFailure(APP, "first", t0);

        assertThat(late).isEqualTo(new FailureCount(1, false));
        assertThat(store.state(APP).lastFailureId()).hasValue("second");
    }

    @Test
    void pendingActionsDecidedAndClosedWhileTheDiskIsFullReachTheStoreInOrder() {
        start(UnitBuilder.forService(APP).action(RESTART_SERVICE, 5));

        full = true;
        fail(); // counted with its pending restart, then closed when the restart completed
        fail();
        assertThat(systemd.count("restart", APP)).isEqualTo(2);
        assertThat(store.pendingActions()).isEmpty();

        full = false;
        assertThat(store.tryRecover()).isTrue();
        assertThat(disk.state(APP).rvector()).isEqualTo(2);
        // Each kept count carried its pending action and each close followed it: nothing is left
        // for a restart of the daemon to issue again.
        assertThat(disk.pendingActions()).isEmpty();
    }

    @Test
    void aDestructiveActionIsRefusedWhileDegradedAndTheRefusalIsAnEvent() {
        start(UnitBuilder.forService(APP)
                .action(RESTART_SERVICE)
                .action(RESET_PUBLIC_DATA)
                .publicData("/srv/app"));

        full = true;
        fail(); // restart-service
        fail(); // reset-public-data: refused

        assertThat(systemd.count("restart", APP)).isEqualTo(1);
        assertThat(systemActions.requests()).isEmpty();
        assertThat(events.events(RecoveryEvent.ActionIssued.class))
                .extracting(RecoveryEvent::action)
                .containsExactly("restart-service");
        assertThat(events.events(RecoveryEvent.ActionSuppressed.class))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.action()).isEqualTo("reset-public-data");
                    assertThat(s.detail()).contains("refused: the store is degraded (database or disk is full)");
                });
    }

    @Test
    void aSystemLevelActionIsRefusedWhileDegradedAndTheEngineDoesNotMeditate() {
        start(UnitBuilder.forService(APP).action(RESTART_SERVICE).action(RESTART_PLATFORM));

        full = true;
        fail();
        fail();

        assertThat(systemActions.requests()).isEmpty();
        assertThat(events.events(RecoveryEvent.MeditationEntered.class)).isEmpty();
        assertThat(store.meditation("host")).isEmpty();
    }

    @Test
    void theCountsAndTheHistoryReachTheStoreWhenItCanCommitAgain() {
        start(UnitBuilder.forService(APP)
                .action(RESTART_SERVICE)
                .action(RESET_PUBLIC_DATA)
                .publicData("/srv/app"));
        int rowsBefore = disk.history(HistoryQuery.all(10_000)).size();

        full = true;
        fail();
        fail();
        assertThat(store.tryRecover()).isFalse();
        assertThat(disk.state(APP).rvector()).isZero();

        full = false;
        assertThat(store.tryRecover()).isTrue();

        assertThat(disk.state(APP).rvector()).isEqualTo(2);
        assertThat(disk.state(APP).lastFailureId()).isEqualTo(store.state(APP).lastFailureId());
        assertThat(store.degradation()).isEmpty();
        assertThat(store.pendingWrites()).isZero();
        assertThat(disk.history(HistoryQuery.all(10_000))
                        .subList(
                                rowsBefore,
                                disk.history(HistoryQuery.all(10_000)).size()))
                .extracting(row -> row.kind())
                .contains("failure", "action", "suppressed");
        assertThat(health).hasSize(2).last().asString().startsWith("recovered: ");

        // healthy again: destructive actions run as before
        engine.reset(APP);
        loop.runPending();
        fail();
        fail();
        assertThat(systemActions.requests()).singleElement().satisfies(r -> assertThat(r.action())
                .isEqualTo(RESET_PUBLIC_DATA));
    }

    @Test
    void theNextWriteAfterSpaceIsFreedWritesTheKeptOnesBackFirst() {
        start(UnitBuilder.forService(APP).action(RESTART_SERVICE, 10));

        full = true;
        fail();
        fail();
        full = false;
        fail();

        assertThat(disk.state(APP).rvector()).isEqualTo(3);
        assertThat(store.degradation()).isEmpty();
    }

    @Test
    void aFailureAlreadyCountedInMemoryIsNotCountedTwice() {
        start(UnitBuilder.forService(APP).action(RESTART_SERVICE, 10));
        full = true;
        fail();
        systemd.repeatLastFailure(APP);
        loop.runPending();

        assertThat(store.state(APP).rvector()).isEqualTo(1);
        assertThat(systemd.count("restart", APP)).isEqualTo(1);
    }

    @Test
    void anExceptionThatIsNotAStorageFailurePassesThroughAndDoesNotDegrade() {
        DegradableRecoveryStore strict = new DegradableRecoveryStore(
                fillable, e -> false, StoreHealthListener.none(), DegradableRecoveryStore.DEFAULT_HISTORY_BUFFER);
        full = true;

        assertThatThrownBy(() -> strict.reset(APP)).isInstanceOf(DiskFull.class);
        assertThat(strict.degradation()).isEmpty();
    }

    @Test
    void unitsAreNotReSyncedWhileDegraded() {
        start(UnitBuilder.forService(APP).action(RESTART_SERVICE, 10));
        full = true;
        fail();

        assertThatThrownBy(() -> UnitSync.sync(store, UnitCatalog.of(List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("degraded");
        assertThat(store.units()).hasSize(1);
    }
}
