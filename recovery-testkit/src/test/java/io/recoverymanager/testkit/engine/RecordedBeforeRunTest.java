package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESET_PUBLIC_DATA;
import static io.recoverymanager.core.unit.ActionType.RESTART_PLATFORM;
import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.testkit.FakeServiceManager;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.UnitBuilder;
import io.recoverymanager.testkit.VirtualEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: "every destructive action is written to the history before it runs" is the engine's
 * promise, kept through the store port, not a listener's: an embedder that registers no history
 * listener at all still finds the row in its store when its {@link SystemActions} is called.
 */
class RecordedBeforeRunTest {
    private static final String APP = "app.service";

    private final ManualClock clock = new ManualClock();
    private final VirtualEventLoop loop = new VirtualEventLoop(clock);
    private final FakeServiceManager systemd = new FakeServiceManager(clock);
    private final InMemoryRecoveryStore store = new InMemoryRecoveryStore();
    /** What the history held at the moment each action was handed to the port. */
    private final List<List<HistoryEntry>> historyAtExecute = new ArrayList<>();

    private final SystemActions systemActions = new SystemActions() {
        @Override
        public Disposition disposition(ActionType type) {
            return Disposition.EXECUTE;
        }

        @Override
        public CompletionStage<ActionOutcome> execute(ActionRequest request) {
            historyAtExecute.add(store.history(HistoryQuery.all(100)));
            return CompletableFuture.completedFuture(ActionOutcome.ok("done"));
        }
    };

    private final RecoveryEngine engine = RecoveryEngine.builder()
            .context("host")
            .bootId("boot-1")
            .integrityCheckDelay(Duration.ofHours(1))
            .clock(clock)
            .loop(loop)
            .store(store)
            .serviceManager(systemd)
            .systemActions(systemActions)
            .build(); // no listener: nobody but the engine writes history

    @Test
    void aDestructiveActionIsInTheHistoryWhenTheEngineHandsItToSystemActions() {
        engine.syncUnits(UnitCatalog.of(List.of(UnitBuilder.forService(APP)
                .action(RESTART_SERVICE, 1)
                .action(RESET_PUBLIC_DATA)
                .publicData("/srv/app")
                .action(RESTART_PLATFORM)
                .build())));
        engine.start();
        loop.runPending();

        for (int i = 0; i < 3; i++) {
            systemd.fail(APP, "exit-code");
            loop.runPending();
        }

        assertThat(historyAtExecute).hasSize(2);
        assertThat(historyAtExecute.get(0))
                .extracting(HistoryEntry::kind, HistoryEntry::action, HistoryEntry::rvector)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("action", "reset-public-data", 2));
        // (the budget's own row for the platform restart is written before it too)
        assertThat(historyAtExecute.get(1))
                .filteredOn(entry -> entry.kind().equals("action"))
                .extracting(HistoryEntry::action)
                .containsExactly("reset-public-data", "restart-platform");
        // A restart is not destructive: the engine leaves its row to whoever records events.
        assertThat(store.history(HistoryQuery.all(100)))
                .extracting(HistoryEntry::action)
                .doesNotContain("restart-service");
    }
}
