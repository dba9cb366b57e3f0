package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exhausted service is not stalled for good, through the packaged launcher: {@code status}
 * says when it recovers, the relax timer comes back after a daemon restart, and once it ran the
 * next failure climbs the ladder from the first rung again (as the older C implementation did).
 */
class ExhaustedRelaxIT {
    private static final String APP = "app.service";

    @TempDir
    Path tmp;

    @Test
    void anExhaustedServiceRelaxesAcrossADaemonRestartAndIsRecoveredAgainAfterwards() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp).sandbox(systemd).create()) {
            systemd.writeVendorUnit(APP, "[Service]\nExecStart=/bin/sh -c 'sleep 0.2; exit 3'\n");
            systemd.daemonReload();
            // One restart, then the ladder is exhausted; relaxed 2 × 20 s after the last failure: long
            // enough that status, a JVM start per poll on a loaded machine, surely sees the window.
            daemon.writeUnit(
                    "app.toml",
                    "service = \"app.service\"\nrelax-time = \"20s\"\n[[action]]\ntype = \"restart-service\"\n");
            daemon.start().awaitReady();

            systemd.systemctl("start", "--no-block", APP).orThrow();
            daemon.await(
                    () -> cliOut(daemon, "status").contains("exhausted, recovers at"),
                    "status shows when the exhausted service recovers");

            // The daemon restarts while the service is exhausted: the timer is armed again at start.
            assertThat(daemon.stop()).isEqualTo(143);
            daemon.start().awaitReady();
            daemon.await(
                    () -> cliOut(daemon, "history", "--service", APP).contains("no failure during the relax time"),
                    "the exhausted service recovered after its relax time");

            // Fixed by hand or not: its next failure gets the first action again.
            systemd.systemctl("start", "--no-block", APP).orThrow();
            // One restart before the exhaustion, one after the recovery.
            daemon.await(
                    () -> PackagedDaemon.occurrences(cliOut(daemon, "history", "--service", APP), "action-done") >= 2,
                    "the next failure after the recovery was acted on");
        }
    }

    private static String cliOut(PackagedDaemon daemon, String... args) {
        try {
            return daemon.cli(args).out();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
