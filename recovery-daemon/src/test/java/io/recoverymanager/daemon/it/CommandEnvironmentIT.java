package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands the daemon runs get a small fixed environment, never the daemon's (issue 9), through the
 * packaged launcher: the daemon carries a secret variable, a configured platform-restart command
 * writes its environment to a file, and the secret is not in it.
 */
class CommandEnvironmentIT {
    @TempDir
    Path tmp;

    @Test
    void aConfiguredCommandDoesNotSeeTheDaemonsEnvironment() throws Exception {
        String secret = "s3cret-" + UUID.randomUUID();
        Path envFile = tmp.resolve("command.env");
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp.resolve("daemon"))
                        .sandbox(systemd)
                        .env("RMGR_TEST_SECRET", secret)
                        .section("[commands]\nplatform-restart = [\"/bin/sh\", \"-c\", \"exec env > $0\", \"" + envFile
                                + "\"]")
                        .create()) {
            systemd.writeVendorUnit("crashy.service", "[Service]\nExecStart=/bin/sh -c 'sleep 1; exit 3'\n");
            systemd.daemonReload();
            daemon.writeUnit(
                    "crashy.toml",
                    "service = \"crashy.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-platform\"\n");
            daemon.start().awaitReady();
            assertThat(Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "environ")))
                    .as("the daemon itself carries the secret")
                    .contains("RMGR_TEST_SECRET=" + secret);

            systemd.systemctl("start", "crashy.service").orThrow();
            daemon.await(() -> daemon.log().contains("action-done crashy.service"), "the platform-restart command ran");

            String env = Files.readString(envFile);
            assertThat(env).doesNotContain(secret).doesNotContain("RMGR_TEST_SECRET");
            assertThat(env.lines().toList())
                    .contains("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C")
                    .noneMatch(l -> l.startsWith("HOME=") || l.startsWith("JAVA_HOME=") || l.startsWith("DBUS_"));
        }
    }
}
