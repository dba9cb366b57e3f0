package io.recoverymanager.dispatch;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.event.RecoveryEvent.FailureObserved;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.dispatch.master.MasterServer;
import io.recoverymanager.dispatch.slave.SlaveLink;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An engine listener that tells the other contexts about this context's service failures, so their
 * friends can react: a master broadcasts them to every slave, a slave reports them to the master
 * (which relays them). Register it with the engine's listeners.
 *
 * <p>Both targets only queue a frame, so {@link #onEvent} returns at once, as listeners must.
 *
 * <p>Thread-safety: stateless apart from its target; called from the engine's loop.
 */
public final class FailureRelay implements RecoveryListener {
    private final BiConsumer<String, String> target;

    private FailureRelay(BiConsumer<String, String> target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** On a master: every failure goes to all slaves. */
    public static FailureRelay forMaster(MasterServer master) {
        return new FailureRelay(master::broadcastServiceFailure);
    }

    /** On a slave: every failure goes to the master. */
    public static FailureRelay forSlave(SlaveLink link) {
        return new FailureRelay((context, service) -> link.reportServiceFailure(service));
    }

    @Override
    public void onEvent(RecoveryEvent event) {
        if (event instanceof FailureObserved failure) {
            target.accept(failure.context(), failure.service());
        }
    }
}
