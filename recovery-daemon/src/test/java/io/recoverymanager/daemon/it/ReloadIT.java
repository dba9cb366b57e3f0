package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP re-reads the units, through the packaged launcher, even when the daemon was started with
 * SIGHUP ignored ({@code nohup}, or a parent such as a CI runner that ignores it): an ignored signal
 * stays ignored across exec, and the JVM then silently refuses to handle it, so reloads were lost.
 */
class ReloadIT {
    @TempDir
    Path tmp;

    @Test
    void aDaemonStartedWithHangupIgnoredStillReloadsOnSighup() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon =
                        PackagedDaemon.in(tmp).sandbox(systemd).hangupIgnored().create()) {
            daemon.writeUnit(
                    "one.toml",
                    "service = \"one.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-service\"\n");
            daemon.start().awaitReady();

            daemon.writeUnit(
                    "two.toml",
                    "service = \"two.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-service\"\n");
            daemon.signal(1);

            daemon.await(() -> daemon.log().contains("reloaded units: 1 added"), "the reload added two.toml");
            assertThat(daemon.isRunning()).isTrue();
            assertThat(daemon.cli("status").out()).contains("two.service");
        }
    }
}
