package io.recoverymanager.daemon.runtime;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.model.ServiceStatus;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.ServiceObserver;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.unit.ActionType;
import java.util.concurrent.CompletionStage;

/**
 * The crash points of the failure → action path, placed by decorating the engine's ports and
 * listening to its events in the daemon's wiring (the core knows nothing of them):
 *
 * <ul>
 *   <li>{@code after-count}: the failure count and the pending action it selected are committed
 *       (one transaction), nothing else happened yet;
 *   <li>{@code after-intent}: the action is announced (a destructive one has its history row), its
 *       call not made yet;
 *   <li>{@code after-call}: the service manager or the executor finished the action, the engine
 *       has not seen the outcome;
 *   <li>{@code before-completion}: the outcome is recorded, the pending action not yet closed.
 * </ul>
 *
 * <p>Thread-safety: stateless decorators; safe wherever the decorated ports are.
 */
public final class CrashPoints {
    public static final String AFTER_COUNT = "after-count";
    public static final String AFTER_INTENT = "after-intent";
    public static final String AFTER_CALL = "after-call";
    public static final String BEFORE_COMPLETION = "before-completion";

    private CrashPoints() {}

    /** The listener placing the event-bound crash points; register it after the history listener. */
    public static RecoveryListener listener() {
        return event -> {
            if (event instanceof RecoveryEvent.FailureObserved observed && observed.managed()) {
                CrashPoint.reached(AFTER_COUNT);
            } else if (event instanceof RecoveryEvent.ActionIssued || event instanceof RecoveryEvent.ActionForwarded) {
                CrashPoint.reached(AFTER_INTENT);
            } else if (event instanceof RecoveryEvent.ActionCompleted) {
                CrashPoint.reached(BEFORE_COMPLETION);
            }
        };
    }

    /** The service manager, with {@code after-call} when a restart or disable call finished. */
    public static ServiceManager serviceManager(ServiceManager delegate) {
        return new ServiceManager() {
            @Override
            public void watch(ServiceObserver observer) {
                delegate.watch(observer);
            }

            @Override
            public CompletionStage<Void> restart(String service) {
                return afterCall(delegate.restart(service));
            }

            @Override
            public CompletionStage<Void> start(String service) {
                return delegate.start(service);
            }

            @Override
            public CompletionStage<Void> stop(String service) {
                return delegate.stop(service);
            }

            @Override
            public CompletionStage<Void> signal(String service, int signal) {
                return delegate.signal(service, signal);
            }

            @Override
            public CompletionStage<Void> disableForBoot(String service) {
                return afterCall(delegate.disableForBoot(service));
            }

            @Override
            public CompletionStage<ServiceStatus> status(String service) {
                return delegate.status(service);
            }
        };
    }

    /** The system actions, with {@code after-call} when an action finished (or was acknowledged). */
    public static SystemActions systemActions(SystemActions delegate) {
        return new SystemActions() {
            @Override
            public Disposition disposition(ActionType type) {
                return delegate.disposition(type);
            }

            @Override
            public CompletionStage<ActionOutcome> execute(ActionRequest request) {
                return afterCall(delegate.execute(request));
            }
        };
    }

    private static <T> CompletionStage<T> afterCall(CompletionStage<T> stage) {
        return stage.whenComplete((result, error) -> CrashPoint.reached(AFTER_CALL));
    }
}
