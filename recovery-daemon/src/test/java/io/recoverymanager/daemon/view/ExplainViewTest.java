package io.recoverymanager.daemon.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExplainViewTest {
    private static final Instant T0 = Instant.parse("2026-12-02T14:15:56Z");
    private static final String BOX = "box7";
    private static final String APP = "app.service";

    private static HistoryEntry row(int millis, int rvector, String kind, String action, String detail) {
        return new HistoryEntry(
                T0.plusMillis(millis),
                APP,
                BOX,
                rvector,
                kind,
                action,
                detail,
                OptionalInt.empty(),
                OptionalInt.empty(),
                "",
                "");
    }

    private static ExplainView explained(HistoryEntry... rows) {
        return ExplainView.of(List.of(rows), Optional.empty(), BOX);
    }

    /**
     * The restart's end reached the history after the next failure was counted (its job's end and
     * the next failure race in the daemon; seen on CI): it is still the restart's outcome, not the
     * platform restart's.
     */
    @Test
    void anOutcomeRecordedAfterTheNextFailureBelongsToTheActionItEnds() {
        ExplainView view = explained(
                row(0, 1, "failure", "", "result=exit-code status=3"),
                row(1, 1, "action", "restart-service", "request r1"),
                row(40, 2, "failure", "", "result=signal signal=9"),
                row(41, 2, "action", "restart-platform", "request r2"),
                row(42, 1, "action-done", "restart-service", "done"),
                row(43, 2, "action-started", "restart-platform", "running [systemctl, reboot]"),
                row(44, 2, "action-done", "restart-platform", "ran: exit 0"));

        assertThat(view.steps()).hasSize(2);
        assertThat(ExplainView.outcomeText(view.steps().get(0))).isEqualTo("done: done");
        assertThat(ExplainView.outcomeText(view.steps().get(1))).isEqualTo("done: ran: exit 0");
    }

    @Test
    void anOutcomeInItsPlaceStaysWithItsStep() {
        ExplainView view = explained(
                row(0, 1, "failure", "", "result=exit-code status=3"),
                row(1, 1, "action", "restart-service", "request r1"),
                row(2, 1, "action-done", "restart-service", "done"),
                row(40, 2, "failure", "", "result=signal signal=9"),
                row(41, 2, "action", "restart-platform", "request r2"),
                row(43, 2, "action-started", "restart-platform", "running [systemctl, reboot]"));

        assertThat(ExplainView.outcomeText(view.steps().get(0))).isEqualTo("done: done");
        assertThat(ExplainView.outcomeText(view.steps().get(1))).isEqualTo("started; no outcome recorded");
    }
}
