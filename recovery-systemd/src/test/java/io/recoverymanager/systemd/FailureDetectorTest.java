package io.recoverymanager.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.model.ServiceFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class FailureDetectorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final FailureDetector detector = new FailureDetector();

    private static UnitView failed(String service, long stateChange, String result, int code, int status) {
        UnitView view = new UnitView(service);
        view.applyServiceProperties(Map.of(
                "Result", new Variant<>(result),
                "ExecMainCode", new Variant<>(code),
                "ExecMainStatus", new Variant<>(status)));
        view.applyUnitProperties(Map.of(
                "ActiveState", new Variant<>("failed"),
                "SubState", new Variant<>("failed"),
                "StateChangeTimestamp", new Variant<>(new UInt64(stateChange)),
                "InvocationID", new Variant<>(new byte[] {1, 2, (byte) 0xab}, "ay")));
        return view;
    }

    @Test
    void aFailedUnitIsReportedWithResultExitStatusAndTimestamp() {
        ServiceFailure failure = detector.decide(failed("a.service", 1_000_000, "exit-code", 1, 3), NOW)
                .orElseThrow();

        assertThat(failure.service()).isEqualTo("a.service");
        assertThat(failure.result()).isEqualTo("exit-code");
        assertThat(failure.exitStatus()).hasValue(3);
        assertThat(failure.failureId()).isEqualTo("a.service@1000000");
        assertThat(failure.at()).isEqualTo(Instant.ofEpochSecond(1));
    }

    @Test
    void aFailureCarriesItsInvocationIdAndTellsAnExitFromASignal() {
        ServiceFailure exited =
                detector.decide(failed("a.service", 7, "exit-code", 1, 3), NOW).orElseThrow();
        ServiceFailure killed =
                detector.decide(failed("b.service", 8, "signal", 2, 9), NOW).orElseThrow();
        ServiceFailure dumped =
                detector.decide(failed("c.service", 9, "core-dump", 3, 11), NOW).orElseThrow();

        assertThat(exited.invocationId()).isEqualTo("0102ab");
        assertThat(exited.exitCode()).hasValue(3);
        assertThat(exited.signal()).isEmpty();
        assertThat(killed.signal()).hasValue(9);
        assertThat(killed.exitCode()).isEmpty();
        assertThat(dumped.signal()).hasValue(11);
    }

    @Test
    void theSameFailureSeenAgainIsNotReportedTwice() {
        assertThat(detector.decide(failed("a.service", 5, "signal", 2, 9), NOW)).isPresent();

        assertThat(detector.isNew(failed("a.service", 5, "signal", 2, 9))).isFalse();
        assertThat(detector.decide(failed("a.service", 5, "signal", 2, 9), NOW)).isEmpty();
    }

    @Test
    void aLaterFailureOfTheSameServiceIsANewFailure() {
        String first = detector.decide(failed("a.service", 5, "exit-code", 1, 1), NOW)
                .orElseThrow()
                .failureId();

        assertThat(detector.isNew(failed("a.service", 6, "exit-code", 1, 1))).isTrue();
        String second = detector.decide(failed("a.service", 6, "exit-code", 1, 1), NOW)
                .orElseThrow()
                .failureId();

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void identitiesArePerService() {
        assertThat(detector.decide(failed("a.service", 5, "exit-code", 1, 1), NOW))
                .isPresent();
        assertThat(detector.decide(failed("b.service", 5, "exit-code", 1, 1), NOW))
                .isPresent();
    }

    @Test
    void aFailureReorderedAfterANewerOneIsStillDeduplicated() {
        detector.decide(failed("a.service", 5, "exit-code", 1, 1), NOW);
        detector.decide(failed("a.service", 9, "exit-code", 1, 1), NOW);

        assertThat(detector.decide(failed("a.service", 5, "exit-code", 1, 1), NOW))
                .isEmpty();
    }

    @Test
    void onlyABoundedNumberOfIdentitiesIsRememberedPerService() {
        for (int i = 0; i <= FailureDetector.REMEMBERED_PER_SERVICE; i++) {
            detector.decide(failed("a.service", 100 + i, "exit-code", 1, 1), NOW);
        }
        assertThat(detector.isNew(failed("a.service", 100, "exit-code", 1, 1))).isTrue();
        assertThat(detector.isNew(failed("a.service", 101, "exit-code", 1, 1))).isFalse();
    }

    @Test
    void autoRestartIsNotAFailure() {
        assertThat(FailureDetector.isFailed("failed", "failed")).isTrue();
        assertThat(FailureDetector.isFailed("activating", "auto-restart")).isFalse();
        assertThat(FailureDetector.isFailed("failed", "failed-before-auto-restart"))
                .isFalse();
        assertThat(FailureDetector.isFailed("inactive", "dead")).isFalse();
        assertThat(FailureDetector.isFailed("active", "running")).isFalse();
    }

    @Test
    void aFailedViewWhoseStartAlreadyBeganIsIgnoredAndNotRemembered() {
        UnitView transitional = failed("a.service", 5, "success", 0, 0);

        assertThat(detector.isNew(transitional)).isFalse();
        assertThat(detector.decide(transitional, NOW)).isEmpty();
        assertThat(detector.decide(failed("a.service", 5, "exit-code", 1, 2), NOW))
                .isPresent();
    }

    @Test
    void anExitStatusIsOnlyCarriedWhenTheMainProcessRan() {
        ServiceFailure failure = detector.decide(failed("a.service", 7, "start-limit-hit", 0, 0), NOW)
                .orElseThrow();

        assertThat(failure.exitStatus()).isEmpty();
    }

    @Test
    void aViewWithoutDetailsCannotBeDecided() {
        UnitView view = new UnitView("a.service");
        view.applyListing("failed", "failed");

        assertThat(detector.isNew(view)).isFalse();
        assertThatThrownBy(() -> detector.decide(view, NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a.service");
    }

    @Test
    void invocationIdsArriveAsBytesOrLists() {
        assertThat(UnitView.invocationHex(new byte[] {0x0f, (byte) 0xa0})).isEqualTo("0fa0");
        assertThat(UnitView.invocationHex(List.of((byte) 0x0f, (byte) 0xa0))).isEqualTo("0fa0");
        assertThat(UnitView.invocationHex("nope")).isNull();
    }

    @Test
    void partialUpdatesKeepWhatWasKnown() {
        UnitView view = failed("a.service", 5, "exit-code", 1, 4);
        view.applyUnitProperties(Map.of("SubState", new Variant<>("failed")));
        view.applyServiceProperties(Map.of("NRestarts", new Variant<>(new org.freedesktop.dbus.types.UInt32(2))));

        assertThat(view.activeState).isEqualTo("failed");
        assertThat(view.stateChangeMicros).isEqualTo(5);
        assertThat(view.result).isEqualTo("exit-code");
        assertThat(view.restarts).isEqualTo(2);
        assertThat(view.invocationId).isEqualTo("0102ab");
    }
}
