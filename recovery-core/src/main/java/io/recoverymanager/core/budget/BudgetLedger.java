package io.recoverymanager.core.budget;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.ActionBudget;
import io.recoverymanager.core.unit.ActionType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps an instance's destructive-action budgets in its durable history. Every budgeted action this
 * instance admits (its own, or a slave's that it runs as master) leaves one history row of kind
 * {@value #SPENT}, written before the action runs; what is spent in a window is the number of such
 * rows in it. Nothing else is stored, so the budget survives restarts and reboots exactly as the
 * history does (its retention must keep at least the longest window).
 *
 * <p>Thread-safety: stateless apart from the store; a check and its row are atomic only when every
 * {@link #spend} of an instance runs on one thread (the engine's loop), as the daemon does.
 */
public final class BudgetLedger {
    /** History kind of a budgeted action admitted (one row per action). */
    public static final String SPENT = "budget-spent";

    /** History kind of an action held because its budget is spent. */
    public static final String HELD = "held";

    /** The most history rows read for one check (a window with more rows counts only these). */
    static final int MAX_ROWS = 1_000_000;

    private final RecoveryStore store;

    public BudgetLedger(RecoveryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** What a check decided. */
    public sealed interface Verdict permits Verdict.Admitted, Verdict.Held {
        /** The action may run; its {@value #SPENT} row is written. */
        record Admitted(ActionType type, ActionBudget budget, int spentBefore) implements Verdict {
            /** {@code restart-platform budget: 2 of 3 per 1h spent}. */
            public String detail() {
                return type.tomlName() + " budget: " + (spentBefore + 1) + " of " + budget.describe() + " spent";
            }
        }

        /**
         * The budget is spent: the action must not run.
         *
         * @param freesAt when the next one is allowed again, empty when the budget is 0
         */
        record Held(ActionType type, ActionBudget budget, int spent, Optional<Instant> freesAt) implements Verdict {
            /** {@code held: restart-platform budget spent (3 of 3 per 1h); the next is allowed after T}. */
            public String reason() {
                return "held: " + type.tomlName() + " budget spent (" + spent + " of " + budget.describe() + ")"
                        + freesAt.map(t -> "; the next is allowed after " + t).orElse("; the budget allows none");
            }
        }
    }

    /**
     * How many {@code type} actions were admitted in the window ending at {@code now}, and when the
     * oldest of them leaves it.
     */
    public List<Instant> spentIn(ActionType type, ActionBudget budget, Instant now) {
        Instant since = now.minus(budget.window());
        return store.history(new HistoryQuery(Optional.empty(), Optional.of(since), MAX_ROWS)).stream()
                .filter(e -> e.kind().equals(SPENT) && e.action().equals(type.tomlName()))
                .filter(e -> e.time().isAfter(since))
                .map(HistoryEntry::time)
                .sorted()
                .toList();
    }

    /**
     * Decides whether one more {@code type} action may run now and, if so, records it as spent,
     * durably, before returning.
     *
     * @param context the context the action is for (a slave's, for a request the master runs)
     */
    public Verdict spend(
            ActionType type,
            ActionBudget budget,
            String service,
            String context,
            int rvector,
            String requestId,
            Instant now) {
        List<Instant> spent = spentIn(type, budget, now);
        if (spent.size() >= budget.count()) {
            Optional<Instant> freesAt = budget.count() == 0
                    ? Optional.empty()
                    : Optional.of(spent.get(spent.size() - budget.count()).plus(budget.window()));
            return new Verdict.Held(type, budget, spent.size(), freesAt);
        }
        Verdict.Admitted admitted = new Verdict.Admitted(type, budget, spent.size());
        store.appendHistory(new HistoryEntry(
                now,
                service,
                context,
                rvector,
                SPENT,
                type.tomlName(),
                admitted.detail() + " (request " + requestId + ")"));
        return admitted;
    }
}
