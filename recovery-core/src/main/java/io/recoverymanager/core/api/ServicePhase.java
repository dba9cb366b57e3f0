package io.recoverymanager.core.api;

/**
 * Where one service stands between failures. One small class per state; the engine holds the
 * current phase of every escalated service and replaces it on each transition. A service without
 * an entry is {@link Healthy}.
 *
 * <p>Thread-safety: confined to the engine's loop.
 */
sealed interface ServicePhase permits ServicePhase.Healthy, ServicePhase.Relaxing, ServicePhase.Stalled {

    /** Called when the service leaves this phase: releases what the phase holds (timers). */
    default void leave() {}

    /** rvector 0, nothing armed. */
    enum Healthy implements ServicePhase {
        INSTANCE
    }

    /**
     * An action was issued and the relax timer runs; when it fires with the rvector unchanged, the
     * service counts as recovered.
     */
    final class Relaxing implements ServicePhase {
        private final int armedRvector;
        private final io.recoverymanager.core.spi.Cancellable timer;

        Relaxing(int armedRvector, io.recoverymanager.core.spi.Cancellable timer) {
            this.armedRvector = armedRvector;
            this.timer = timer;
        }

        int armedRvector() {
            return armedRvector;
        }

        @Override
        public void leave() {
            timer.cancel();
        }
    }

    /**
     * Escalated but nothing runs: the ladder is exhausted, or an action was suppressed by
     * meditation. Only a new failure, an operator reset or a unit change moves it on.
     */
    final class Stalled implements ServicePhase {
        private final int rvector;
        private final String reason;

        Stalled(int rvector, String reason) {
            this.rvector = rvector;
            this.reason = reason;
        }

        int rvector() {
            return rvector;
        }

        String reason() {
            return reason;
        }
    }
}
