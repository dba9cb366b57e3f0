package io.recoverymanager.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.systemd.journal.EventLogRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Engine events are logged in one format, with their fields on the record for typed targets. */
class EventLogTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final Logger logger = Logger.getLogger("io.recoverymanager.engine");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level before;

    @BeforeEach
    void attach() {
        before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void detach() {
        logger.removeHandler(capture);
        logger.setLevel(before);
    }

    @Test
    void aSystemActionCarriesServiceRvectorActionAndContextInTheMessageAndAsFields() {
        new EventLog()
                .onEvent(new RecoveryEvent.ActionIssued(
                        T, "host", "app.service", 4, ActionType.RESTART_PLATFORM, "r-17"));
        assertThat(records).hasSize(1);
        LogRecord record = records.get(0);
        assertThat(record.getLevel()).isEqualTo(Level.INFO);
        assertThat(record.getLoggerName()).isEqualTo("io.recoverymanager.engine");
        assertThat(record.getMessage())
                .isEqualTo("action app.service rvector=4 action=restart-platform context=host: request r-17");
        assertThat(record).isInstanceOfSatisfying(EventLogRecord.class, e -> {
            assertThat(e.service()).isEqualTo("app.service");
            assertThat(e.rvector()).isEqualTo(4);
            assertThat(e.action()).isEqualTo("restart-platform");
            assertThat(e.context()).isEqualTo("host");
        });
    }

    @Test
    void levelsFollowWhatTheEventMeans() {
        assertThat(EventLog.level(new RecoveryEvent.FailureObserved(T, "h", "a.service", 1, "exit-code", "f", true)))
                .isEqualTo(Level.WARNING);
        assertThat(EventLog.level(new RecoveryEvent.FailureObserved(T, "h", "a.service", 0, "exit-code", "f", false)))
                .isEqualTo(Level.INFO);
        assertThat(EventLog.level(new RecoveryEvent.ActionSuppressed(
                        T, "h", "a.service", 3, ActionType.RESTART_CONTEXT, "meditating")))
                .isEqualTo(Level.WARNING);
        assertThat(EventLog.level(new RecoveryEvent.MeditationEntered(T, "h", "a.service", ActionType.RESTART_CONTEXT)))
                .isEqualTo(Level.WARNING);
        assertThat(EventLog.level(new RecoveryEvent.ActionCompleted(
                        T, "h", "a.service", 2, ActionType.RESTART_SERVICE, "r", false, "no such unit")))
                .isEqualTo(Level.SEVERE);
        assertThat(EventLog.level(new RecoveryEvent.Exhausted(T, "h", "a.service", 5, 4)))
                .isEqualTo(Level.SEVERE);
        assertThat(EventLog.level(new RecoveryEvent.RelaxArmed(T, "h", "a.service", 1, T)))
                .isEqualTo(Level.INFO);
        assertThat(EventLog.level(new RecoveryEvent.UnitChanged(T, "h", "a.service", "x", "y")))
                .isEqualTo(Level.INFO);
    }

    @Test
    void emptyServiceAndActionShowAsDashes() {
        assertThat(EventLog.message(new RecoveryEvent.UnitRemoved(T, "host", "", "abc")))
                .startsWith("unit-removed - rvector=0 action=- context=host");
    }

    @Test
    void aFailureByASignalNamesItsResultAndSignal() {
        RecoveryEvent.FailureObserved failure = new RecoveryEvent.FailureObserved(
                T,
                "host1",
                "echo.service",
                2,
                "signal",
                "id",
                true,
                java.util.OptionalInt.empty(),
                java.util.OptionalInt.of(9),
                "0123456789abcdef0123456789abcdef");
        assertThat(EventLog.message(failure))
                .isEqualTo("failure echo.service rvector=2 action=- context=host1: result=signal signal=9");
    }
}
