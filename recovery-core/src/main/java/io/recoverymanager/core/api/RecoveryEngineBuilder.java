package io.recoverymanager.core.api;

import io.recoverymanager.core.spi.EventLoop;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.unit.ActionBudgets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Wires an engine to its ports. Every port is required except listeners.
 *
 * <p>Thread-safety: not thread-safe; use from one thread, then discard.
 */
public final class RecoveryEngineBuilder {
    private String context;
    private String bootId = "unknown-boot";
    private Duration integrityCheckDelay = Duration.ofSeconds(30);
    private Clock clock;
    private EventLoop loop;
    private RecoveryStore store;
    private ServiceManager serviceManager;
    private SystemActions systemActions;
    private final List<RecoveryListener> listeners = new ArrayList<>();
    private ActionBudgets budgets = ActionBudgets.defaults();

    RecoveryEngineBuilder() {}

    /** This instance's context name (the configured one, or the hostname). */
    public RecoveryEngineBuilder context(String context) {
        this.context = requireText(context, "context");
        return this;
    }

    /**
     * The current boot's id (for example {@code /proc/sys/kernel/random/boot_id}): a meditation
     * entered in another boot ends at start, and the integrity check counts once per boot.
     */
    public RecoveryEngineBuilder bootId(String bootId) {
        this.bootId = requireText(bootId, "bootId");
        return this;
    }

    /** How long after start the check-start integrity check runs; default 30 s. */
    public RecoveryEngineBuilder integrityCheckDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("integrity check delay must not be negative");
        }
        this.integrityCheckDelay = delay;
        return this;
    }

    /** The clock events and deadlines are stamped with; must agree with the loop's scheduler. */
    public RecoveryEngineBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The serial loop every input, timer and completion runs on. */
    public RecoveryEngineBuilder loop(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
        return this;
    }

    public RecoveryEngineBuilder store(RecoveryStore store) {
        this.store = Objects.requireNonNull(store, "store");
        return this;
    }

    public RecoveryEngineBuilder serviceManager(ServiceManager serviceManager) {
        this.serviceManager = Objects.requireNonNull(serviceManager, "serviceManager");
        return this;
    }

    public RecoveryEngineBuilder systemActions(SystemActions systemActions) {
        this.systemActions = Objects.requireNonNull(systemActions, "systemActions");
        return this;
    }

    /** Adds a listener; listeners are called in the order added, each guarded. */
    public RecoveryEngineBuilder listener(RecoveryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * This instance's destructive-action budgets (a unit's {@code [budget]} overrides them for its
     * own actions); default {@link ActionBudgets#defaults()}: 3 platform restarts per hour, 1
     * factory reset per day. Spent budgets are counted in the store's history.
     */
    public RecoveryEngineBuilder budgets(ActionBudgets budgets) {
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        return this;
    }

    /** Builds the engine; it does nothing until {@link RecoveryEngine#start()}. */
    public RecoveryEngine build() {
        EngineSettings settings = new EngineSettings(
                requireSet(context, "context"),
                bootId,
                integrityCheckDelay,
                requireSet(clock, "clock"),
                requireSet(loop, "loop"),
                requireSet(store, "store"),
                requireSet(serviceManager, "serviceManager"),
                requireSet(systemActions, "systemActions"),
                List.copyOf(listeners),
                budgets);
        return new DefaultRecoveryEngine(settings);
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private static <T> T requireSet(T value, String name) {
        if (value == null) {
            throw new IllegalStateException(name + " is required");
        }
        return value;
    }
}
