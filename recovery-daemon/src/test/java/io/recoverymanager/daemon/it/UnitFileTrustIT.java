package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What root trusts in the units directory, through the packaged launcher (issue 9): unit files
 * writable by group or others or owned by another uid are rejected at {@code run} and by {@code
 * check}; when a good unit turns untrusted, its last good version stays in force after a SIGHUP
 * reload. Also: symbolic links planted where the daemon writes its run-mode file are never written
 * through.
 */
class UnitFileTrustIT {
    private static final String RESTARTS =
            "service = \"app.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-service\"\nretry = 100\n";

    @TempDir
    Path tmp;

    @Test
    void untrustedUnitFilesAreRejectedAtRunAndByCheckAndTheLastGoodVersionStaysAfterReload() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp.resolve("daemon"))
                        .sandbox(systemd)
                        .create()) {
            Path starts = tmp.resolve("starts");
            systemd.writeVendorUnit(
                    "app.service", "[Service]\nExecStart=/bin/sh -c 'echo x >> " + starts + "; sleep 1; exit 3'\n");
            systemd.daemonReload();
            Path good = daemon.writeUnit("app.toml", RESTARTS);
            Path writable = daemon.writeUnit("writable.toml", RESTARTS.replace("app.service", "other.service"));
            Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rw-rw-r--"));
            Path foreign = daemon.writeUnit("foreign.toml", RESTARTS.replace("app.service", "third.service"));
            Files.setAttribute(foreign, "unix:uid", 65534);
            // Links planted where the run-mode file and its old temporary file go.
            Path outside = Files.writeString(tmp.resolve("outside"), "precious");
            Files.createDirectories(daemon.runtimeDir());
            Files.createSymbolicLink(daemon.runtimeDir().resolve("run-mode.tmp"), outside);
            Files.createSymbolicLink(daemon.runtimeDir().resolve("run-mode"), outside);

            daemon.start().awaitReady();

            assertThat(daemon.log())
                    .contains("rejected unit writable.toml: writable by group or others (mode 0664)")
                    .contains("rejected unit foreign.toml: owned by uid 65534");
            assertThat(outside).hasContent("precious");
            assertThat(Files.isSymbolicLink(daemon.runtimeDir().resolve("run-mode")))
                    .isFalse();

            PackagedDaemon.Run check = daemon.cli("check");
            assertThat(check.exitCode()).as(check.describe()).isEqualTo(1);
            assertThat(check.out())
                    .contains(writable + ": writable by group or others (mode 0664)")
                    .contains(foreign + ": owned by uid 65534")
                    .doesNotContain(good + ":");

            // The good unit gets a new version nobody may trust: it must not take over.
            Files.writeString(good, "service = \"app.service\"\n[[action]]\ntype = \"disable-service\"\n");
            Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rw-rw-rw-"));
            daemon.signal(1);
            daemon.await(
                    () -> daemon.log().contains("rejected unit app.toml: writable by group or others (mode 0666)")
                            && daemon.log().contains("reloaded units:"),
                    "the reload rejected the new app.toml");

            systemd.systemctl("start", "app.service").orThrow();
            daemon.await(() -> DataResetIT.lines(starts) >= 3, "app.service restarted twice by the last good version");
            assertThat(daemon.log()).doesNotContain("disable-service");
        }
    }
}
