package io.recoverymanager.testkit;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.unit.RecoveryUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the real engine on the testkit with a virtual clock to show how a unit behaves: the service
 * fails {@code failures} times, {@code interval} apart, and each restart brings it back. The result
 * is the timeline of events, ending when the last relax timer fired (or the ladder was exhausted).
 *
 * <p>This is what {@code recoverymanager simulate} prints.
 *
 * <p>Thread-safety: immutable; {@link #run} builds a fresh harness each time.
 */
public final class PolicySimulation {
    private final RecoveryUnit unit;
    private final int failures;
    private final Duration interval;

    /**
     * One simulated moment.
     *
     * @param atSeconds seconds since the first failure
     * @param event the event
     */
    public record Step(double atSeconds, RecoveryEvent event) {}

    public PolicySimulation(RecoveryUnit unit, int failures, Duration interval) {
        this.unit = Objects.requireNonNull(unit, "unit");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        this.failures = failures;
        this.interval = interval;
    }

    /** The concrete service simulated: the unit's service, or an instance of a template. */
    public String service() {
        return unit.isTemplate() ? unit.service().replace("@.service", "@simulated.service") : unit.service();
    }

    /** Runs the simulation and returns its timeline (unit ingestion left out). */
    public List<Step> run() {
        RecoveryHarness harness = RecoveryHarness.create("simulation").integrityCheckDelay(Duration.ofDays(3650));
        harness.install(unit);
        harness.start();
        harness.clearEvents();
        String service = service();
        harness.serviceManager().register(service);
        Instant start = harness.clock().instant();
        for (int i = 0; i < failures; i++) {
            if (i > 0) {
                harness.advance(interval);
            }
            harness.fail(service);
        }
        // Let the last relax timer (rvector × relax-time) run out.
        int rvector = Math.max(harness.rvector(service), 1);
        harness.advance(unit.relaxTime().multipliedBy(rvector).plusSeconds(1));
        List<Step> steps = new ArrayList<>();
        for (RecoveryEvent event : harness.events()) {
            double at = Duration.between(start, event.at()).toMillis() / 1000.0;
            steps.add(new Step(at, event));
        }
        return steps;
    }
}
