package io.recoverymanager.testkit;

import io.recoverymanager.core.event.RecoveryEvent;
import java.util.List;

/**
 * Entry point of the testkit's assertions: {@code assertThat(harness.events()).hasActionsFor(...)}.
 *
 * <p>Thread-safety: stateless.
 */
public final class RecoveryAssertions {
    private RecoveryAssertions() {}

    /** Assertions over a list of events. */
    public static EventsAssert assertThat(List<RecoveryEvent> events) {
        return new EventsAssert(events);
    }

    /** Assertions over the events a harness recorded. */
    public static EventsAssert assertThat(RecoveryHarness harness) {
        return new EventsAssert(harness.events());
    }
}
