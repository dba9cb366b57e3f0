package io.recoverymanager.core.api;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.spi.RecoveryListener;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Delivers events to every listener, in order, each call guarded: a listener that throws is logged
 * and skipped, and never stops the loop or the listeners after it.
 *
 * <p>Thread-safety: immutable; called from the engine's loop.
 */
final class GuardedListeners {
    private static final System.Logger LOG = System.getLogger(GuardedListeners.class.getName());

    private final List<RecoveryListener> listeners;

    GuardedListeners(List<RecoveryListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void emit(RecoveryEvent event) {
        for (RecoveryListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "listener " + listener + " failed on " + event.kind() + " event; ignored", t);
            }
        }
    }
}
