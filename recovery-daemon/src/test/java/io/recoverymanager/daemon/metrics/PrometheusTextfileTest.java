package io.recoverymanager.daemon.metrics;

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
                .contains("recoverymanager_actions_total{action=\"restart-service\"} 3\n")
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
