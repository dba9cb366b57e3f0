package io.recoverymanager.core.unit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The destructive-action budgets of an instance or the overrides of one unit: at most so many
 * {@code restart-platform} and {@code factory-reset} actions per window. A unit's budgets override
 * the instance's for that unit's actions, per action type.
 *
 * @param limits the budget of each action type that has one; only {@link #BUDGETED} types
 *     <p>Thread-safety: immutable.
 */
public record ActionBudgets(Map<ActionType, ActionBudget> limits) {
    /** The action types a budget can bound. */
    public static final Set<ActionType> BUDGETED = EnumSet.of(ActionType.RESTART_PLATFORM, ActionType.FACTORY_RESET);

    /** The default of {@code restart-platform}: 3 per hour. */
    public static final ActionBudget DEFAULT_PLATFORM_RESTARTS = new ActionBudget(3, Duration.ofHours(1));
    /** The default of {@code factory-reset}: 1 per day. */
    public static final ActionBudget DEFAULT_FACTORY_RESETS = new ActionBudget(1, Duration.ofDays(1));

    public ActionBudgets {
        EnumMap<ActionType, ActionBudget> copy = new EnumMap<>(ActionType.class);
        limits.forEach((type, budget) -> {
            if (!BUDGETED.contains(type)) {
                throw new IllegalArgumentException(type.tomlName() + " has no budget");
            }
            copy.put(type, java.util.Objects.requireNonNull(budget, "budget"));
        });
        limits = java.util.Collections.unmodifiableMap(copy);
    }

    /** No budgets (a unit without overrides). */
    public static ActionBudgets none() {
        return new ActionBudgets(Map.of());
    }

    /** The instance's defaults: 3 platform restarts per hour, 1 factory reset per day. */
    public static ActionBudgets defaults() {
        return new ActionBudgets(Map.of(
                ActionType.RESTART_PLATFORM, DEFAULT_PLATFORM_RESTARTS,
                ActionType.FACTORY_RESET, DEFAULT_FACTORY_RESETS));
    }

    /** The built-in default window of a budgeted type (used when only a count is given). */
    public static Duration defaultWindow(ActionType type) {
        return type == ActionType.FACTORY_RESET ? DEFAULT_FACTORY_RESETS.window() : DEFAULT_PLATFORM_RESTARTS.window();
    }

    /** The budget of an action type, if it has one. */
    public Optional<ActionBudget> limitFor(ActionType type) {
        return Optional.ofNullable(limits.get(type));
    }

    /** These budgets with every budget {@code overrides} sets replacing this one's. */
    public ActionBudgets overriddenBy(ActionBudgets overrides) {
        EnumMap<ActionType, ActionBudget> merged = new EnumMap<>(ActionType.class);
        merged.putAll(limits);
        merged.putAll(overrides.limits());
        return new ActionBudgets(merged);
    }

    /** Whether no budget is set. */
    public boolean isEmpty() {
        return limits.isEmpty();
    }

    /** {@code restart-platform 3 per 1h, factory-reset 1 per 1d}, or {@code none}. */
    public String describe() {
        if (limits.isEmpty()) {
            return "none";
        }
        return limits.entrySet().stream()
                .map(e -> e.getKey().tomlName() + " " + e.getValue().describe())
                .collect(Collectors.joining(", "));
    }
}
