package io.recoverymanager.core.api;

import io.recoverymanager.core.spi.EventLoop;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.unit.ActionBudgets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The engine's wiring, as validated by the builder. Immutable. */
record EngineSettings(
        String context,
        String bootId,
        Duration integrityCheckDelay,
        Clock clock,
        EventLoop loop,
        RecoveryStore store,
        ServiceManager serviceManager,
        SystemActions systemActions,
        List<RecoveryListener> listeners,
        ActionBudgets budgets) {}
