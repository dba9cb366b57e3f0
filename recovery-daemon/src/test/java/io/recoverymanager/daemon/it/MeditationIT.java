package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.runtime.InstanceBoot;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meditation per boot of the instance, through the packaged launcher: a refused system action
 * does not silence the daemon, and emptying the runtime directory (what a container restart does
 * to its /run) ends a meditation although the kernel did not reboot.
 */
class MeditationIT {
    private static final String APP = "app.service";
    private static final String OTHER = "other.service";

    @TempDir
    Path tmp;

    private static void writeUnits(SystemdSandbox systemd, Path tmp) {
        systemd.writeVendorUnit(APP, "[Service]\nExecStart=/bin/sh -c 'exit 3'\n");
        Path flag = tmp.resolve("other-failed");
        // Fails on its first start after the flag was removed, then runs.
        systemd.writeVendorUnit(
                OTHER,
                "[Service]\nExecStart=/bin/sh -c 'if [ -e " + flag + " ]; then exec sleep infinity; fi; touch " + flag
                        + "; exit 3'\n");
        systemd.daemonReload();
    }

    private static void failOtherOnce(SystemdSandbox systemd, Path tmp) throws Exception {
        Files.deleteIfExists(tmp.resolve("other-failed"));
        systemd.systemctl("stop", OTHER);
        systemd.systemctl("reset-failed", OTHER);
        systemd.systemctl("start", "--no-block", OTHER);
    }

    @Test
    void aRefusedFactoryResetDoesNotSilenceTheNextFailuresAction() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp).sandbox(systemd).create()) {
            writeUnits(systemd, tmp);
            daemon.writeUnit(
                    "app.toml",
                    "service = \"app.service\"\nrelax-time = \"1h\"\n[[action]]\ntype = \"factory-reset\"\n");
            daemon.writeUnit(
                    "other.toml",
                    "service = \"other.service\"\nrelax-time = \"1h\"\n[[action]]\ntype = \"restart-service\"\nretry = 5\n");
            daemon.start().awaitReady();

            systemd.systemctl("start", "--no-block", APP);
            daemon.await(
                    () -> cliOut(daemon, "history", "--service", APP).contains("action-failed"),
                    "the refused factory-reset recorded");

            failOtherOnce(systemd, tmp);
            daemon.await(
                    () -> "active".equals(systemd.property(OTHER, "ActiveState"))
                            && cliOut(daemon, "history", "--service", OTHER).contains("action-done"),
                    OTHER + " restarted by the daemon");
            assertThat(cliOut(daemon, "status")).contains("meditation: no");
        }
    }

    @Test
    void anEmptiedRuntimeDirectoryEndsTheMeditationWithoutAReboot() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp)
                        .sandbox(systemd)
                        .section("[commands]\ncontext-restart = [\"/bin/true\"]")
                        .create()) {
            writeUnits(systemd, tmp);
            daemon.writeUnit(
                    "app.toml",
                    "service = \"app.service\"\nrelax-time = \"1h\"\n[[action]]\ntype = \"restart-context\"\n");
            daemon.writeUnit(
                    "other.toml",
                    "service = \"other.service\"\nrelax-time = \"1h\"\n[[action]]\ntype = \"restart-service\"\nretry = 5\n");
            daemon.start().awaitReady();

            systemd.systemctl("start", "--no-block", APP);
            daemon.await(() -> cliOut(daemon, "status").contains("meditation: since"), "meditation entered");

            assertThat(daemon.stop()).isEqualTo(143);
            daemon.start().awaitReady();
            assertThat(cliOut(daemon, "status"))
                    .as("the same instance boot keeps meditating")
                    .contains("meditation: since");

            assertThat(daemon.stop()).isEqualTo(143);
            Files.delete(daemon.runtimeDir().resolve(InstanceBoot.FILE_NAME)); // a container restart empties /run
            daemon.start().awaitReady();
            assertThat(cliOut(daemon, "status")).contains("meditation: no");

            failOtherOnce(systemd, tmp);
            daemon.await(
                    () -> "active".equals(systemd.property(OTHER, "ActiveState"))
                            && cliOut(daemon, "history", "--service", OTHER).contains("action-done"),
                    OTHER + " restarted by the daemon after the new instance boot");
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
