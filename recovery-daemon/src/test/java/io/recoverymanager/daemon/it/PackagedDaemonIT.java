package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The basic promise through the product: the packaged daemon restarts a failed service. */
class PackagedDaemonIT {
    @TempDir
    Path tmp;

    @Test
    void thePackagedDaemonRestartsAFailedServiceAndStopsCleanly() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp).sandbox(systemd).create()) {
            Path starts = tmp.resolve("starts");
            systemd.writeVendorUnit(
                    "app.service", "[Service]\nExecStart=/bin/sh -c 'echo x >> " + starts + "; sleep 1; exit 3'\n");
            systemd.daemonReload();
            daemon.writeUnit(
                    "app.toml",
                    "service = \"app.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-service\"\nretry = 100\n");
            daemon.start().awaitReady();

            systemd.systemctl("start", "app.service").orThrow();
            daemon.await(() -> lines(starts) >= 3, "app.service started twice more by the daemon");

            // The JVM exits with 143 after SIGTERM once its shutdown hooks ran (SuccessExitStatus=143).
            assertThat(daemon.stop()).as(daemon.log()).isEqualTo(143);
        }
    }

    private static long lines(Path file) {
        try {
            return java.nio.file.Files.exists(file)
                    ? java.nio.file.Files.readAllLines(file).size()
                    : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
