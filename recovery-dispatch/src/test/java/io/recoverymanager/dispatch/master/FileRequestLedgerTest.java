package io.recoverymanager.dispatch.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.model.ActionOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRequestLedgerTest {
    @TempDir
    Path dir;

    @Test
    void aTornLastLineIsCutOffSoTheNextRecordSurvivesAReopen() throws Exception {
        Path file = dir.resolve("master-requests.ledger");
        long now = System.currentTimeMillis();
        Files.writeString(file, "S c1 r1 " + now + "\nS c1 r2 " + now / 10, StandardCharsets.UTF_8); // torn
        try (FileRequestLedger ledger = new FileRequestLedger(file)) {
            assertThat(ledger.begin("c1", "r1", Instant.EPOCH)).containsInstanceOf(RequestLedger.Started.class);
            assertThat(ledger.begin("c1", "r3", Instant.now())).isEmpty();
        }
        try (FileRequestLedger reopened = new FileRequestLedger(file)) {
            assertThat(reopened.begin("c1", "r3", Instant.EPOCH))
                    .as("the record appended after the torn line")
                    .containsInstanceOf(RequestLedger.Started.class);
            assertThat(reopened.begin("c1", "r1", Instant.EPOCH)).containsInstanceOf(RequestLedger.Started.class);
        }
        assertThat(Files.readAllLines(file)).allMatch(l -> l.startsWith("S ") || l.startsWith("C "));
    }

    @Test
    void aSymlinkInPlaceOfTheLedgerIsNotFollowed() throws Exception {
        Path target = dir.resolve("elsewhere");
        Files.writeString(target, "precious\n");
        Path file = dir.resolve("master-requests.ledger");
        Files.createSymbolicLink(file, target);
        assertThatThrownBy(() -> new FileRequestLedger(file).close())
                .hasMessageContaining("cannot open the request ledger");
        assertThat(Files.readString(target)).isEqualTo("precious\n");
    }

    @Test
    void retentionBoundsTheEntriesAndCompactionBoundsTheFile() throws Exception {
        Path file = dir.resolve("master-requests.ledger");
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        try (FileRequestLedger ledger = new FileRequestLedger(file, Duration.ofDays(30), 10, clock)) {
            for (int i = 0; i < 200; i++) {
                assertThat(ledger.begin("c1", "r" + i, clock.instant())).isEmpty();
                ledger.complete("c1", "r" + i, ActionOutcome.ok("ran " + i));
            }
            assertThat(ledger.size()).isEqualTo(10);
            assertThat(Files.readAllLines(file).size()).isLessThanOrEqualTo(2 * 10 + 16 + 2);
            assertThat(ledger.peek("c1", "r199")).containsInstanceOf(RequestLedger.Completed.class);
            assertThat(ledger.peek("c1", "r0")).isEmpty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temp file of compaction left
        }
        clock.now = clock.now.plus(Duration.ofDays(31));
        try (FileRequestLedger reopened = new FileRequestLedger(file, Duration.ofDays(30), 10, clock)) {
            assertThat(reopened.size()).as("everything is older than 30 days").isZero();
            assertThat(reopened.begin("c1", "new", clock.instant())).isEmpty();
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void recordsSurviveAReopenWithTheirOutcome() throws Exception {
        Path file = dir.resolve("master-requests.ledger");
        try (FileRequestLedger ledger = new FileRequestLedger(file)) {
            ledger.begin("c 1", "r\n1", Instant.now());
            ledger.complete("c 1", "r\n1", ActionOutcome.failed("exit 3: no space"));
            ledger.begin("c1", "running", Instant.now());
            ledger.executing("c1", "running", Instant.now());
            ledger.begin("c1", "received", Instant.now());
        }
        try (FileRequestLedger reopened = new FileRequestLedger(file)) {
            assertThat(reopened.tracksExecution()).isTrue();
            assertThat(reopened.peek("c 1", "r\n1"))
                    .get()
                    .isEqualTo(new RequestLedger.Completed(ActionOutcome.failed("exit 3: no space")));
            assertThat(reopened.peek("c1", "running")).containsInstanceOf(RequestLedger.Executing.class);
            assertThat(reopened.peek("c1", "received")).containsInstanceOf(RequestLedger.Started.class);
        }
        // reopening compacted the finished request's two records into one
        assertThat(List.of(Files.readString(file).split("\n"))).hasSize(4);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
