package io.recoverymanager.systemd.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.testkit.socket.DatagramReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries in the journal's native protocol, received on a real datagram socket as journald would. */
class JournalHandlerTest {
    private static final Instant T = Instant.parse("2026-12-02T07:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void aFailureAndASystemActionArriveWithTheirFields() {
        Path socket = tmp.resolve("journal.sock");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (DatagramReceiver journal = new DatagramReceiver(socket.toString(), 60_000);
                JournalHandler handler =
                        new JournalHandler(socket, new PrintStream(stderr, true, StandardCharsets.UTF_8))) {
            RecoveryEvent.FailureObserved failure = new RecoveryEvent.FailureObserved(
                    T,
                    "host1",
                    "echo.service",
                    2,
                    "signal",
                    "id",
                    true,
                    OptionalInt.empty(),
                    OptionalInt.of(9),
                    "0123456789abcdef0123456789abcdef");
            handler.publish(new EventLogRecord(
                    Level.WARNING,
                    "failure echo.service rvector=2 action=- context=host1: result=signal signal=9",
                    failure));
            RecoveryEvent.ActionIssued reboot =
                    new RecoveryEvent.ActionIssued(T, "host1", "echo.service", 3, ActionType.RESTART_PLATFORM, "r3");
            handler.publish(new EventLogRecord(
                    Level.INFO, "action-issued echo.service rvector=3 action=restart-platform context=host1", reboot));

            JournalEntry first = JournalEntry.decode(journal.receiveBytes().orElseThrow());
            JournalEntry second = JournalEntry.decode(journal.receiveBytes().orElseThrow());

            assertThat(first.get("MESSAGE_ID")).isEqualTo(JournalMessageIds.FAILURE);
            assertThat(first.get("PRIORITY")).isEqualTo("4");
            assertThat(first.get("MESSAGE"))
                    .isEqualTo("failure echo.service rvector=2 action=- context=host1: result=signal signal=9");
            assertThat(first.get("RECOVERY_SERVICE")).isEqualTo("echo.service");
            assertThat(first.get("RECOVERY_RVECTOR")).isEqualTo("2");
            assertThat(first.get("RECOVERY_CONTEXT")).isEqualTo("host1");
            assertThat(first.get("RECOVERY_SIGNAL")).isEqualTo("9");
            assertThat(first.get("RECOVERY_EXIT_STATUS")).isNull();
            assertThat(first.get("RECOVERY_INVOCATION_ID")).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(first.get("SYSLOG_IDENTIFIER")).isEqualTo("recoverymanager");
            assertThat(second.get("MESSAGE_ID")).isEqualTo(JournalMessageIds.SYSTEM_ACTION);
            assertThat(second.get("RECOVERY_ACTION")).isEqualTo("restart-platform");
            assertThat(second.get("PRIORITY")).isEqualTo("6");
        }
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMultiLineMessageUsesTheBinarySafeFormAndReadsBack() {
        JournalEntry entry = JournalEntry.builder()
                .add("MESSAGE", "first line\nsecond line")
                .add("PRIORITY", "3")
                .build();
        byte[] datagram = entry.encode();

        assertThat(new String(datagram, StandardCharsets.ISO_8859_1))
                .startsWith("MESSAGE\n\u0016\0\0\0\0\0\0\0first line");
        assertThat(JournalEntry.decode(datagram)).isEqualTo(entry);
    }

    @Test
    void withoutAJournalTheRecordGoesToStderrAndNothingIsLost() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (JournalHandler handler = new JournalHandler(
                tmp.resolve("no-journal.sock"), new PrintStream(stderr, true, StandardCharsets.UTF_8))) {
            LogRecord record = new LogRecord(Level.SEVERE, "disk on fire");
            record.setLoggerName("io.recoverymanager.daemon.Daemon");
            handler.publish(record);
            handler.publish(record);
        }
        String text = stderr.toString(StandardCharsets.UTF_8);
        assertThat(text).containsOnlyOnce("cannot write to the journal socket");
        assertThat(text).contains("<3>Daemon: disk on fire\n<3>Daemon: disk on fire\n");
    }
}
