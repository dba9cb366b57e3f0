package io.recoverymanager.dispatch.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.budget.BudgetLedger;
import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.unit.ActionBudget;
import io.recoverymanager.core.unit.ActionBudgets;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.runtime.SingleThreadEventLoop;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A slave's forwarded request counts against the budget of the master that runs it (issue 14.5). */
class SlaveRequestBudgetTest {
    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");

    @Test
    void aSlavesPlatformRestartBeyondTheMastersBudgetIsHeldNotRun() throws Exception {
        InMemoryRecoveryStore store = new InMemoryRecoveryStore();
        List<ActionRequest> ran = new CopyOnWriteArrayList<>();
        List<RecoveryEvent> held = new CopyOnWriteArrayList<>();
        ActionBudgets budgets =
                new ActionBudgets(Map.of(ActionType.RESTART_PLATFORM, new ActionBudget(1, Duration.ofHours(1))));
        try (SingleThreadEventLoop loop = new SingleThreadEventLoop("test-loop")) {
            SlaveRequestBudget gate = new SlaveRequestBudget(
                    request -> {
                        ran.add(request);
                        return CompletableFuture.completedFuture(ActionOutcome.ok("ran"));
                    },
                    loop,
                    store,
                    budgets,
                    Clock.fixed(NOW, ZoneOffset.UTC),
                    held::add);

            ActionOutcome first = gate.apply(request("r1", ActionType.RESTART_PLATFORM))
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            ActionOutcome second = gate.apply(request("r2", ActionType.RESTART_PLATFORM))
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            ActionOutcome context = gate.apply(request("r3", ActionType.RESTART_CONTEXT))
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);

            assertThat(first.success()).isTrue();
            assertThat(second.success()).isFalse();
            assertThat(second.detail()).contains("held: restart-platform budget spent (1 of 1 per 1h)");
            assertThat(context.success()).as("restart-context has no budget").isTrue();
            assertThat(ran).extracting(ActionRequest::requestId).containsExactly("r1", "r3");
            assertThat(held).singleElement().satisfies(e -> {
                assertThat(e).isInstanceOf(RecoveryEvent.ActionHeld.class);
                assertThat(e.context()).isEqualTo("container1");
                assertThat(e.service()).isEqualTo("app.service");
            });
            assertThat(store.history(HistoryQuery.all(100)))
                    .filteredOn(e -> e.kind().equals(BudgetLedger.SPENT))
                    .singleElement()
                    .satisfies(e -> assertThat(e.context()).isEqualTo("container1"));
        }
    }

    private static ActionRequest request(String id, ActionType type) {
        return new ActionRequest(id, "container1", "app.service", type, 1, Optional.empty(), NOW);
    }
}
