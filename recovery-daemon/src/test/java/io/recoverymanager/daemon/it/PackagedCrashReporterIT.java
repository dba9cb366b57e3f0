package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.daemon.crash.CrashReporterPeer;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash reports over D-Bus through the product: the packaged daemon hears the owner of the
 * configured reporter name and drops what any other local client emits.
 */
class PackagedCrashReporterIT {
    private static final String NAME = "org.example.CrashReporter";

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void thePackagedDaemonHearsTheReporterAndDropsAForgedReport() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp)
                        .sandbox(systemd)
                        .section("[crash-reporter]\nbus = \"" + systemd.busAddress() + "\"\ninterface = \""
                                + CrashReporterPeer.INTERFACE + "\"\nmember = \"ProcessCrashed\"\nsender = \"" + NAME
                                + "\"")
                        .create()) {
            systemd.writeVendorUnit("watcher.service", "[Service]\nExecStart=/bin/sleep infinity\n");
            systemd.writeVendorUnit("victim.service", "[Service]\nExecStart=/bin/sleep infinity\n");
            systemd.daemonReload();
            systemd.systemctl("start", "watcher.service", "victim.service").orThrow();
            daemon.writeUnit("watcher.toml", friendUnit("watcher.service", "telemetryd"));
            daemon.writeUnit("victim.toml", friendUnit("victim.service", "evild"));
            String watcherBefore = systemd.property("watcher.service", "InvocationID");
            String victimBefore = systemd.property("victim.service", "InvocationID");
            daemon.start().awaitReady();

            try (CrashReporterPeer reporter =
                    CrashReporterPeer.connect(systemd.busAddress()).own(NAME)) {
                daemon.await(
                        () -> daemon.log().contains("crash reporter " + NAME + ": owned by " + reporter.uniqueName()),
                        "the daemon learnt who owns " + NAME);

                // Refused: any local client can emit the signal, but it does not own the name.
                Process emit = CrashReporterPeer.emitWithBusctl(systemd.busAddress(), "evild", "");
                assertThat(emit.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(emit.exitValue()).isZero();
                daemon.await(
                        () -> daemon.log().contains("dropped: not the owner of " + NAME),
                        "the forged report was dropped");
                Matcher sender = Pattern.compile("crash report from D-Bus sender (:\\d+\\.\\d+) dropped")
                        .matcher(daemon.log());
                assertThat(sender.find()).isTrue();
                assertThat(sender.group(1)).isNotEqualTo(reporter.uniqueName());

                // Accepted: the owner's report restarts the friend's service.
                reporter.emit("telemetryd", "");
                daemon.await(
                        () -> !PackagedDaemon.invocationId(systemd, "watcher.service")
                                .equals(watcherBefore),
                        "the friend of telemetryd restarted watcher.service");
                assertThat(daemon.log()).doesNotContain("crash of process evild");
                assertThat(PackagedDaemon.invocationId(systemd, "victim.service"))
                        .isEqualTo(victimBefore);
            }
        }
    }

    private static String friendUnit(String service, String process) {
        return """
                service = "%s"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                [[friend]]
                type = "process"
                name = "%s"
                action = "restart"
                """
                .formatted(service, process);
    }
}
