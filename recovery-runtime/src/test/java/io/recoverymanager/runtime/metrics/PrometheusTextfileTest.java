package io.recoverymanager.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusTextfileTest {
    @TempDir
    Path tmp;

    @Test
    void countsTheRealEnginesEventsAndWritesTheFileAtomically() throws Exception {
        Path file = tmp.resolve("recoverymanager.prom");
        PrometheusTextfile metrics = new PrometheusTextfile(file);
        RecoveryHarness h = RecoveryHarness.create("host1").listener(metrics);
        h.install(
                UnitBuilder.forService("echo.service")
                        .relaxTime(Duration.ofSeconds(10))
                        .action(ActionType.RESTART_SERVICE, 2)
                        .build(),
                UnitBuilder.forService("db.service")
                        .action(ActionType.RESTART_SERVICE)
                        .build());
        h.start();
        h.serviceManager().register("echo.service");
        h.serviceManager().register("db.service");
        h.fail("echo.service");
        h.fail("echo.service");
        h.fail("echo.service");
        h.fail("db.service");
        h.advance(Duration.ofMinutes(5));

        assertThat(metrics.write()).isTrue();
        String text = Files.readString(file);
        assertThat(text)
                .contains("# TYPE recoverymanager_failures_total counter\n"
                        + "recoverymanager_failures_total{service=\"db.service\"} 1\n"
                        + "recoverymanager_failures_total{service=\"echo.service\"} 3\n")
                .contains("recoverymanager_actions_total{service=\"db.service\",action=\"restart-service\"} 1\n"
                        + "recoverymanager_actions_total{service=\"echo.service\",action=\"restart-service\"} 2\n")
                .containsPattern(
                        "recoverymanager_last_action_timestamp_seconds\\{service=\"echo.service\",action=\"restart-service\"}"
                                + " [0-9]+\\.[0-9]{3}\n")
                .contains("recoverymanager_exhausted_total{service=\"echo.service\"} 1\n")
                .contains("recoverymanager_rvector{service=\"db.service\"} 0\n")
                .contains("recoverymanager_recovered_total{service=\"db.service\"} 1\n")
                .contains("recoverymanager_meditation 0\n");
        assertThat(tmp.resolve(".recoverymanager.prom.tmp")).doesNotExist();
        assertThat(metrics.write()).as("nothing changed, nothing written").isFalse();
    }

    @Test
    void theStoreDegradedGaugeFollowsTheStoresHealthAndEachChangeIsWritten() throws Exception {
        Path file = tmp.resolve("recoverymanager.prom");
        PrometheusTextfile metrics = new PrometheusTextfile(file);
        assertThat(metrics.render())
                .contains("# TYPE recoverymanager_store_degraded gauge\n")
                .contains("recoverymanager_store_degraded 0\n");
        metrics.write();

        metrics.storeDegraded(true);
        assertThat(metrics.write()).isTrue();
        assertThat(Files.readString(file)).contains("recoverymanager_store_degraded 1\n");

        metrics.storeDegraded(false);
        assertThat(metrics.write()).isTrue();
        assertThat(Files.readString(file)).contains("recoverymanager_store_degraded 0\n");
    }

    @Test
    void everySeriesCarriesTheContextAndBuildInfoTheVersion() {
        PrometheusTextfile metrics = new PrometheusTextfile(tmp.resolve("x.prom"), "box7", "1.2.3");
        metrics.onEvent(new io.recoverymanager.core.event.RecoveryEvent.ActionIssued(
                java.time.Instant.ofEpochSecond(1_700_000_000, 500_000_000),
                "box7",
                "echo.service",
                1,
                ActionType.RESTART_PLATFORM,
                "r1"));

        assertThat(metrics.render())
                .contains("recoverymanager_build_info{context=\"box7\",version=\"1.2.3\"} 1\n")
                .contains("recoverymanager_actions_total{context=\"box7\",service=\"echo.service\","
                        + "action=\"restart-platform\"} 1\n")
                .contains("recoverymanager_last_action_timestamp_seconds{context=\"box7\",service=\"echo.service\","
                        + "action=\"restart-platform\"} 1700000000.500\n")
                .contains("recoverymanager_meditation{context=\"box7\"} 0\n")
                .contains("recoverymanager_store_degraded{context=\"box7\"} 0\n");
    }

    @Test
    void theGaugesAreSeededFromTheStoreBeforeAnyEvent() {
        io.recoverymanager.testkit.InMemoryRecoveryStore store = new io.recoverymanager.testkit.InMemoryRecoveryStore();
        java.time.Instant t = java.time.Instant.ofEpochSecond(1_700_000_000);
        store.countFailure("echo.service", "f1", t);
        store.countFailure("echo.service", "f2", t);
        store.enterMeditation(new io.recoverymanager.core.model.Meditation(
                "box7", "boot-1/instance", "echo.service", ActionType.RESTART_PLATFORM, t));
        store.appendHistory(new io.recoverymanager.core.model.HistoryEntry(
                t, "echo.service", "box7", 2, "action", "restart-platform", "request r2"));
        PrometheusTextfile metrics = new PrometheusTextfile(tmp.resolve("x.prom"), "box7", "1.2.3");

        metrics.seed(store, "boot-1/instance");

        assertThat(metrics.render())
                .contains("recoverymanager_rvector{context=\"box7\",service=\"echo.service\"} 2\n")
                .contains("recoverymanager_meditation{context=\"box7\"} 1\n")
                .contains("recoverymanager_last_action_timestamp_seconds{context=\"box7\",service=\"echo.service\","
                        + "action=\"restart-platform\"} 1700000000.000\n");
        PrometheusTextfile nextBoot = new PrometheusTextfile(tmp.resolve("y.prom"), "box7", "1.2.3");
        nextBoot.seed(store, "boot-2/instance");
        assertThat(nextBoot.render())
                .as("a meditation of an earlier boot is over")
                .contains("recoverymanager_meditation{context=\"box7\"} 0\n");
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(PrometheusTextfile.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }

    @Test
    void anUnwritableFileIsReportedNotThrown() {
        PrometheusTextfile metrics = new PrometheusTextfile(tmp.resolve("missing-dir/x.prom"));
        metrics.onEvent(new io.recoverymanager.core.event.RecoveryEvent.Recovered(
                java.time.Instant.EPOCH, "c", "s.service", 1));
        assertThat(metrics.write()).isFalse();
    }

    /**
     * The owner of the textfile-collector directory plants symbolic links where the temporary file
     * used to go and at the final path, pointing at files root must not overwrite.
     */
    @Test
    void symlinksPlantedAtTheTemporaryOrFinalPathNeverMakeRootWriteThroughThem() throws Exception {
        Path collector = Files.createDirectory(tmp.resolve("collector"));
        Path outsideTmp = Files.writeString(tmp.resolve("outside-tmp"), "precious 1");
        Path outsideFinal = Files.writeString(tmp.resolve("outside-final"), "precious 2");
        Path file = collector.resolve("rmgr.prom");
        Files.createSymbolicLink(collector.resolve(".rmgr.prom.tmp"), outsideTmp);
        Files.createSymbolicLink(file, outsideFinal);
        PrometheusTextfile metrics = new PrometheusTextfile(file);
        metrics.onEvent(new io.recoverymanager.core.event.RecoveryEvent.Recovered(
                java.time.Instant.EPOCH, "c", "s.service", 1));

        assertThat(metrics.write()).isTrue();

        assertThat(outsideTmp).hasContent("precious 1");
        assertThat(outsideFinal).hasContent("precious 2");
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(Files.readString(file)).contains("recoverymanager_recovered_total{service=\"s.service\"} 1");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isIn("rw-r--r--", "rw-r-----", "rw-------");
    }
}
