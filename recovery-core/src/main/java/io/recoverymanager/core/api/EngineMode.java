package io.recoverymanager.core.api;

import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.unit.Ladder;
import io.recoverymanager.core.unit.RecoveryUnit;

/**
 * The engine's mode: attentive (issues actions) or meditating (a system-level action was issued in
 * this boot; failures are still counted and recorded, but nothing is issued). One class per mode;
 * each turns a counted failure into a {@link Decision}.
 *
 * <p>Thread-safety: immutable.
 */
sealed interface EngineMode permits EngineMode.Attentive, EngineMode.Meditating {

    /** Decides what a failure that brought the service's rvector to {@code rvector} calls for. */
    Decision decide(RecoveryUnit unit, int rvector);

    /** Normal operation. */
    enum Attentive implements EngineMode {
        INSTANCE;

        @Override
        public Decision decide(RecoveryUnit unit, int rvector) {
            Ladder ladder = unit.ladder();
            return ladder.select(rvector)
                    .<Decision>map(step -> new Decision.Act(step.action(), step.index()))
                    .orElseGet(() -> new Decision.Exhaust(ladder.length()));
        }
    }

    /** After a system-level action: observe and record only. */
    record Meditating(Meditation meditation) implements EngineMode {
        @Override
        public Decision decide(RecoveryUnit unit, int rvector) {
            Decision attentive = Attentive.INSTANCE.decide(unit, rvector);
            if (attentive instanceof Decision.Act act) {
                return new Decision.Suppress(
                        act.action().type(),
                        "meditating since " + meditation.action().tomlName() + " for " + meditation.service());
            }
            return attentive;
        }
    }
}
