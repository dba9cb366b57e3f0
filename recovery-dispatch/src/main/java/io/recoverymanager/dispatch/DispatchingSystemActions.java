package io.recoverymanager.dispatch;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.exec.LocalActionExecutor;
import io.recoverymanager.dispatch.slave.SlaveLink;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The core's {@link SystemActions} port. A master executes everything locally; a slave executes
 * data resets (and other service-level actions) locally and forwards the system-level actions
 * (restart-context, restart-platform, factory-reset) to the master through its {@link SlaveLink},
 * which stores them in the outbox first.
 *
 * <p>Thread-safety: safe for use from any thread (delegates to thread-safe collaborators).
 */
public final class DispatchingSystemActions implements SystemActions {
    private final LocalActionExecutor local;
    private final SlaveLink link;

    private DispatchingSystemActions(LocalActionExecutor local, SlaveLink link) {
        this.local = Objects.requireNonNull(local, "local");
        this.link = link;
    }

    /** A master: runs every action itself. */
    public static DispatchingSystemActions master(LocalActionExecutor local) {
        return new DispatchingSystemActions(local, null);
    }

    /** A slave: runs service-level actions itself and forwards system-level ones over the link. */
    public static DispatchingSystemActions slave(LocalActionExecutor local, SlaveLink link) {
        return new DispatchingSystemActions(local, Objects.requireNonNull(link, "link"));
    }

    /** The mode this instance dispatches in. */
    public RunMode mode() {
        return link == null ? RunMode.MASTER : RunMode.SLAVE;
    }

    @Override
    public Disposition disposition(ActionType type) {
        return link != null && type.isSystemLevel() ? Disposition.FORWARD : Disposition.EXECUTE;
    }

    @Override
    public CompletionStage<ActionOutcome> execute(ActionRequest request) {
        try {
            if (disposition(request.action()) == Disposition.FORWARD) {
                return link.forward(request);
            }
            return local.execute(request);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ActionOutcome.failed(request.action() + " failed: " + e));
        }
    }
}
