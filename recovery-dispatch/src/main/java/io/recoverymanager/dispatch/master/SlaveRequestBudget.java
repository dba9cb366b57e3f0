package io.recoverymanager.dispatch.master;

import io.recoverymanager.core.budget.BudgetLedger;
import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.ActionBudget;
import io.recoverymanager.core.unit.ActionBudgets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The master's destructive-action budget applied to slaves' requests: a {@code restart-platform} or
 * {@code factory-reset} a slave forwards counts against the budget of this instance, which runs it.
 * The check and its {@value BudgetLedger#SPENT} row run on the engine's loop, so they are serial
 * with the engine's own checks and one budget is never overspent by the two together. A held
 * request is not run: the slave gets a failed outcome saying why, and the master's listeners
 * (history, log, metrics, status) get an {@link RecoveryEvent.ActionHeld} naming the slave's
 * context.
 *
 * <p>Thread-safety: thread-safe; the executor may be called from any thread.
 */
public final class SlaveRequestBudget implements Function<ActionRequest, CompletionStage<ActionOutcome>> {
    private final Function<ActionRequest, CompletionStage<ActionOutcome>> executor;
    private final Executor loop;
    private final BudgetLedger ledger;
    private final ActionBudgets budgets;
    private final Clock clock;
    private final RecoveryListener onHeld;

    /**
     * @param executor runs an admitted request
     * @param loop runs a task on the engine's loop, where every budget check of this instance runs
     * @param store this instance's store (its history holds the budget)
     * @param budgets this instance's budgets (a slave's units do not override them here)
     * @param onHeld told of every held request
     */
    public SlaveRequestBudget(
            Function<ActionRequest, CompletionStage<ActionOutcome>> executor,
            Executor loop,
            RecoveryStore store,
            ActionBudgets budgets,
            Clock clock,
            RecoveryListener onHeld) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.ledger = new BudgetLedger(store);
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onHeld = Objects.requireNonNull(onHeld, "onHeld");
    }

    @Override
    public CompletionStage<ActionOutcome> apply(ActionRequest request) {
        Optional<ActionBudget> budget = budgets.limitFor(request.action());
        if (budget.isEmpty()) {
            return executor.apply(request);
        }
        CompletableFuture<Optional<String>> verdict = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                BudgetLedger.Verdict v = ledger.spend(
                        request.action(),
                        budget.get(),
                        request.service(),
                        request.context(),
                        request.rvector(),
                        request.requestId(),
                        clock.instant());
                verdict.complete(
                        v instanceof BudgetLedger.Verdict.Held held ? Optional.of(held.reason()) : Optional.empty());
            } catch (RuntimeException e) {
                verdict.completeExceptionally(e);
            }
        });
        return verdict.handle((held, error) -> {
                    if (error != null) {
                        return Optional.of("held: the budget could not be checked: " + error.getMessage());
                    }
                    return held;
                })
                .thenCompose(held -> {
                    if (held.isEmpty()) {
                        return executor.apply(request);
                    }
                    onHeld.onEvent(new RecoveryEvent.ActionHeld(
                            clock.instant(),
                            request.context(),
                            request.service(),
                            request.rvector(),
                            request.action(),
                            held.get() + " (budget of the master that runs it)"));
                    return CompletableFuture.completedFuture(ActionOutcome.failed(held.get()));
                });
    }
}
