package io.recoverymanager.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.daemon.config.LogLevelSetting;
import io.recoverymanager.daemon.config.LogTarget;
import io.recoverymanager.daemon.config.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Without libdlt or without a DLT daemon, logging falls back with one notice and keeps working. */
class DltFallbackTest {
    @TempDir
    Path noDaemon;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void restore() throws Exception {
        java.util.logging.LogManager.getLogManager().reset();
        java.util.logging.LogManager.getLogManager().readConfiguration();
    }

    private static LoggingConfig dlt(String library) {
        return new LoggingConfig(LogTarget.DLT, LogLevelSetting.INFO, new LoggingConfig.Dlt("RMGR", Map.of(), library));
    }

    private String stderrText() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingLibraryFallsBackToStderrWithOneLine() {
        try (DaemonLogging.ActiveLogging active =
                DaemonLogging.install(dlt("libdlt-missing-for-test.so.9"), Map.of(), stderr)) {
            assertThat(active.target()).isEqualTo(LogTarget.STDERR);
            assertThat(stderrText().lines().toList())
                    .singleElement()
                    .asString()
                    .startsWith("recoverymanager: DLT logging unavailable (cannot load libdlt-missing-for-test.so.9")
                    .endsWith("); logging to stderr instead");
            LoggerFactory.getLogger("io.recoverymanager.daemon.Daemon").info("ready: after the fallback");
            assertThat(stderrText().lines().toList())
                    .hasSize(2)
                    .last()
                    .asString()
                    .endsWith("INFO  Daemon: ready: after the fallback");
        }
    }

    @Test
    void underTheJournalTheFallbackIsTheJournal() {
        try (DaemonLogging.ActiveLogging active =
                DaemonLogging.install(dlt("libdlt-missing-for-test.so.9"), Map.of("JOURNAL_STREAM", "8:1"), stderr)) {
            assertThat(active.target()).isEqualTo(LogTarget.JOURNAL);
            LoggerFactory.getLogger("io.recoverymanager.daemon.Daemon").warn("slow");
            assertThat(stderrText().lines().toList())
                    .containsExactly(stderrText().lines().findFirst().orElseThrow(), "<4>Daemon: slow");
            assertThat(stderrText()).contains("logging to the journal instead");
        }
    }

    @Test
    void withTheLibraryButNoDltDaemonTheNoticeNamesTheMissingFifo() {
        try (DaemonLogging.ActiveLogging active =
                DaemonLogging.install(dlt("libdlt.so.2"), Map.of("DLT_PIPE_DIR", noDaemon.toString()), stderr)) {
            assertThat(active.target()).isEqualTo(LogTarget.STDERR);
            assertThat(stderrText().lines().toList())
                    .containsExactly("recoverymanager: DLT logging unavailable (no DLT daemon: "
                            + noDaemon.resolve("dlt") + " does not exist); logging to stderr instead");
        }
    }

    @Test
    void theLevelOfTheConfigurationApplies() {
        LoggingConfig config = new LoggingConfig(LogTarget.STDERR, LogLevelSetting.WARN, LoggingConfig.Dlt.defaults());
        try (DaemonLogging.ActiveLogging active = DaemonLogging.install(config, Map.of(), stderr)) {
            assertThat(active.target()).isEqualTo(LogTarget.STDERR);
            LoggerFactory.getLogger("x.Daemon").info("not at warn");
            LoggerFactory.getLogger("x.Daemon").warn("at warn");
            assertThat(stderrText()).doesNotContain("not at warn").contains("WARN  Daemon: at warn");
        }
    }
}
