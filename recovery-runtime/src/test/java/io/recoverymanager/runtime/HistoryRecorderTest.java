package io.recoverymanager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void beforeADestructiveActionEverythingQueuedIsWrittenAndItsRowIsLeftToTheEngine() {
        InMemoryRecoveryStore store = new InMemoryRecoveryStore();
        try (HistoryRecorder recorder = new HistoryRecorder(store)) {
            recorder.onEvent(new RecoveryEvent.FailureObserved(T, "host", "a.service", 1, "exit-code", "i1", true));
            recorder.onEvent(
                    new RecoveryEvent.ActionIssued(T, "host", "a.service", 1, ActionType.RESTART_PLATFORM, "r1"));

            // The engine writes the action's row through the store right after the listeners return
            // (RecordedBeforeRunTest); what came before it is already there, in order.
            List<HistoryEntry> written = store.history(HistoryQuery.all(10));
            assertThat(written).extracting(HistoryEntry::kind).containsExactly("failure");
        }
        assertThat(store.history(HistoryQuery.all(10)))
                .extracting(HistoryEntry::kind)
                .containsExactly("failure");
    }

    @Test
    void closingWritesEverythingQueuedInOrder() {
        InMemoryRecoveryStore store = new InMemoryRecoveryStore();
        HistoryRecorder recorder = new HistoryRecorder(store);
        for (int i = 0; i < 500; i++) {
            recorder.onEvent(new RecoveryEvent.ManualReset(T.plusSeconds(i), "host", "s" + i, i));
        }
        recorder.close();

        List<HistoryEntry> written = store.history(HistoryQuery.all(1000));
        assertThat(written).hasSize(500);
        assertThat(written.get(499).service()).isEqualTo("s499");
    }
}
