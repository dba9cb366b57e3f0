package io.recoverymanager.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.testkit.FakeServiceManager;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import io.recoverymanager.testkit.RecordingSystemActions;
import io.recoverymanager.testkit.contract.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embedding" example, compiled and run: the lines between the markers below are the
 * README's code block, line for line, so the example cannot rot.
 */
class EmbeddingExampleTest {
    private static final Duration BOUND = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void theReadmeExampleRecoversAFailingServiceThroughTheLadder() throws Exception {
        Path unitsDir = Files.createDirectory(tmp.resolve("units"));
        Path runtimeDir = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(
                unitsDir.resolve("echo.toml"),
                """
                service = "echo.service"
                relax-time = "60s"
                public-data = "/var/lib/echo/public"

                [[action]]
                type = "restart-service"
                retry = 2

                [[action]]
                type = "reset-public-data"
                """);
        FakeServiceManager serviceManager = new FakeServiceManager(Clock.systemUTC());
        InMemoryRecoveryStore store = new InMemoryRecoveryStore();
        RecordingSystemActions systemActions = RecordingSystemActions.master();

        // README:embedding
        try (Recovery recovery = Recovery.builder()
                .context("host")
                .serviceManager(serviceManager) // your ServiceManager, or recovery-systemd's
                .store(store) // your RecoveryStore, or recovery-store-sqlite's
                .systemActions(systemActions) // your SystemActions, or recovery-dispatch's executors
                .unitsFrom(unitsDir) // one TOML recovery unit per service
                .bootMarkerIn(runtimeDir) // a tmpfs emptied at boot: meditation lasts one boot
                .start()) {
            // README:end
            assertThat(recovery.lastSync().added()).hasSize(1);
            for (int i = 1; i <= 3; i++) {
                serviceManager.fail("echo.service", "exit-code");
                int failures = i;
                Await.until(() -> store.state("echo.service").rvector(), r -> r == failures, BOUND, "rvector " + i);
            }
            Await.until(() -> systemActions.requests().size(), n -> n == 1, BOUND, "the data reset");
            assertThat(serviceManager.count("restart", "echo.service")).isEqualTo(2);
            assertThat(systemActions.requests().get(0).action().tomlName()).isEqualTo("reset-public-data");
            // The boot marker was created, and the reset was recorded before it ran.
            assertThat(runtimeDir.resolve(InstanceBoot.FILE_NAME)).exists();
            assertThat(store.history(HistoryQuery.all(100)))
                    .extracting(HistoryEntry::action)
                    .contains("reset-public-data");
        }
    }

    @Test
    void theReadmeShowsTheseLinesVerbatim() throws Exception {
        List<String> source =
                Files.readAllLines(Path.of("src/test/java/io/recoverymanager/runtime/EmbeddingExampleTest.java"));
        List<String> snippet = between(source, "// README:embedding", "// README:end");
        List<String> readme = Files.readAllLines(Path.of("../README.md"));
        int start = readme.indexOf("try (Recovery recovery = Recovery.builder()");
        assertThat(start).as("README.md has the embedding example").isNotNegative();
        List<String> shown = readme.subList(start, start + snippet.size()).stream()
                .map(String::strip)
                .toList();
        assertThat(snippet).hasSizeLessThanOrEqualTo(10).isEqualTo(shown);
    }

    private static List<String> between(List<String> lines, String from, String to) {
        int a = -1;
        int b = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.equals(from) && a < 0) {
                a = i + 1;
            } else if (line.equals(to) && a >= 0) {
                b = i;
                break;
            }
        }
        return lines.subList(a, b).stream().map(String::strip).toList();
    }
}
