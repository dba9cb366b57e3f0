package io.recoverymanager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffLoopListenerTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void everyEventReachesTheListenerInOrderOnItsOwnThreadAndCloseDeliversWhatIsQueued() {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        OffLoopListener listener = new OffLoopListener(
                event -> {
                    threads.add(Thread.currentThread());
                    seen.add(event.rvector());
                },
                "test-events");

        for (int i = 0; i < 1_000; i++) {
            listener.onEvent(new RecoveryEvent.ManualReset(T, "host", "s.service", i));
        }
        listener.close();

        assertThat(seen).hasSize(1_000).isSorted();
        assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t.getName()).isEqualTo("test-events"));
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheDelivery() {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        OffLoopListener listener = new OffLoopListener(
                event -> {
                    if (event.rvector() == 1) {
                        throw new IllegalStateException("boom");
                    }
                    seen.add(event.rvector());
                },
                "test-events");

        for (int i = 0; i < 3; i++) {
            listener.onEvent(new RecoveryEvent.ManualReset(T, "host", "s.service", i));
        }
        listener.close();

        assertThat(seen).containsExactly(0, 2);
    }
}
