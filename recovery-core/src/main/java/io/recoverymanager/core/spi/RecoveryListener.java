package io.recoverymanager.core.spi;

import io.recoverymanager.core.event.RecoveryEvent;

/**
 * Receives every event the engine emits, on the engine's loop, in order.
 *
 * <p>The engine guards each call: an exception thrown here is logged and never stops the loop or
 * other listeners. Listeners must return quickly; hand slow work to another thread.
 *
 * <p>Thread-safety: called from the engine's loop only.
 */
@FunctionalInterface
public interface RecoveryListener {
    void onEvent(RecoveryEvent event);
}
