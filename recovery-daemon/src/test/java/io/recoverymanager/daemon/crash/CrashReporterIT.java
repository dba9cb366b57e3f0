package io.recoverymanager.daemon.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.daemon.Daemon;
import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.testkit.RecordingListener;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash reporter's D-Bus signal, emitted with {@code busctl} on a sandboxed bus, reaches the
 * daemon's engine and makes a process friend act on a real service.
 */
class CrashReporterIT {

    @TempDir
    Path tmp;

    @Test
    void aCrashSignalMakesTheProcessFriendRestartItsService() throws Exception {
        RecordingListener events = new RecordingListener();
        try (SystemdSandbox sandbox = SystemdSandbox.start()) {
            sandbox.writeVendorUnit("watcher.service", "[Service]\nExecStart=/bin/sleep infinity\n");
            sandbox.daemonReload();
            sandbox.systemctl("start", "watcher.service").orThrow();
            String before = sandbox.property("watcher.service", "InvocationID");
            Path units = Files.createDirectories(tmp.resolve("units"));
            Files.writeString(
                    units.resolve("watcher.toml"),
                    """
                    service = "watcher.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "process"
                    name = "telemetryd"
                    action = "restart"
                    """);
            DaemonConfig config = new ConfigLoader()
                    .parse(
                            "crash.toml",
                            """
                            run-mode = "master"
                            context = "host"
                            units-dir = "%s"
                            state-dir = "%s"
                            runtime-dir = "%s"
                            bus = "%s"
                            integrity-check-delay = "1h"
                            [ipc]
                            socket = "%s"
                            [crash-reporter]
                            bus = "%s"
                            interface = "org.example.CrashReporter"
                            member = "ProcessCrashed"
                            """
                                    .formatted(
                                            units,
                                            tmp.resolve("state"),
                                            tmp.resolve("run"),
                                            sandbox.busAddress(),
                                            tmp.resolve("run/rmgr.sock"),
                                            sandbox.busAddress()));
            try (Daemon daemon = Daemon.start(config, Daemon.Environment.embedded("host", events))) {
                assertThat(daemon.context()).isEqualTo("host");
                Process emit = new ProcessBuilder(
                                "busctl",
                                "--address=" + sandbox.busAddress(),
                                "emit",
                                "/org/example/CrashReporter",
                                "org.example.CrashReporter",
                                "ProcessCrashed",
                                "ss",
                                "telemetryd",
                                "")
                        .inheritIO()
                        .start();
                assertThat(emit.waitFor(90, TimeUnit.SECONDS)).isTrue();
                assertThat(emit.exitValue()).isZero();

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // generous: CI machines are loaded
                while (events.events(RecoveryEvent.FriendActionIssued.class).isEmpty()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(events.events(RecoveryEvent.FriendActionIssued.class))
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.friend()).isEqualTo("telemetryd");
                            assertThat(e.friendContext()).isEqualTo("host");
                            assertThat(e.service()).isEqualTo("watcher.service");
                        });
                while (sandbox.property("watcher.service", "InvocationID").equals(before)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(sandbox.property("watcher.service", "InvocationID")).isNotEqualTo(before);
            }
        }
    }
}
