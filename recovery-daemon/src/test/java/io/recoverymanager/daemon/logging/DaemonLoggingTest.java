package io.recoverymanager.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.systemd.journal.DaemonLogFormatter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DaemonLoggingTest {
    @AfterEach
    void restore() {
        java.util.logging.LogManager.getLogManager().reset();
        try {
            java.util.logging.LogManager.getLogManager().readConfiguration();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void underTheJournalLinesCarryPrioritiesAndNoTimestamps() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DaemonLogging.install(Map.of("JOURNAL_STREAM", "8:12345"), out, Level.INFO);
        var log = LoggerFactory.getLogger("io.recoverymanager.daemon.Sample");
        log.info("ready with {} units", 3);
        log.warn("slow");
        log.error("failed", new IllegalStateException("boom"));
        log.debug("not written at INFO");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("<6>Sample: ready with 3 units\n<4>Sample: slow\n<3>Sample: failed\n"
                        + "<3>java.lang.IllegalStateException: boom\n<3>\tat ")
                .doesNotContain("not written");
        assertThat(text.lines()).allMatch(l -> l.matches("<[346]>.*"));
    }

    @Test
    void withoutTheJournalLinesCarryTimestampsAndLevels() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DaemonLogging.install(Map.of(), out, Level.FINE);
        LoggerFactory.getLogger("x.y.Daemon").info("started");
        LoggerFactory.getLogger("x.y.Daemon").debug("detail");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  Daemon: started\n"
                        + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG Daemon: detail\n");
    }

    @Test
    void humanFormat() {
        LogRecord r = new LogRecord(Level.WARNING, "watch {0}");
        r.setParameters(new Object[] {"out"});
        r.setLoggerName("a.B");
        r.setInstant(java.time.Instant.ofEpochMilli(1500));
        assertThat(new DaemonLogFormatter(false, ZoneOffset.UTC).format(r))
                .isEqualTo("1970-01-01 00:00:01.500 WARN  B: watch out\n");
    }

    @Test
    void priorities() {
        assertThat(DaemonLogFormatter.priority(Level.SEVERE)).isEqualTo(3);
        assertThat(DaemonLogFormatter.priority(Level.WARNING)).isEqualTo(4);
        assertThat(DaemonLogFormatter.priority(Level.INFO)).isEqualTo(6);
        assertThat(DaemonLogFormatter.priority(Level.CONFIG)).isEqualTo(7);
        assertThat(DaemonLogFormatter.priority(Level.FINEST)).isEqualTo(7);
        assertThat(DaemonLogging.journalMode(Map.of("JOURNAL_STREAM", ""))).isFalse();
    }
}
