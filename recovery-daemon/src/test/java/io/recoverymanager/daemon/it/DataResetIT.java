package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data resets through the packaged launcher against a sandboxed systemd (issue 9): a data path with
 * a symbolic link component and a data path inside the daemon's own runtime directory are refused
 * with the reason in the log and the history, nothing behind them is touched; a normal reset empties
 * the directory and keeps it.
 */
class DataResetIT {
    @TempDir
    Path tmp;

    @Test
    void resetsRefuseSymlinkedAndDaemonOwnPathsAndEmptyANormalDirectory() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp.resolve("daemon"))
                        .sandbox(systemd)
                        .create()) {
            // A symbolic link in a middle component: the service user pointed it at another tree.
            Path victim = Files.createDirectories(tmp.resolve("victim/app/public"));
            Path precious = Files.writeString(victim.resolve("precious"), "keep");
            Path link = Files.createSymbolicLink(tmp.resolve("linked"), tmp.resolve("victim"));
            Path viaLink = link.resolve("app/public");
            // A normal data directory, with a link inside that must be removed as itself.
            Path normal = Files.createDirectories(tmp.resolve("normal/public"));
            Files.createDirectories(normal.resolve("cache/deep"));
            Files.writeString(normal.resolve("cache/deep/blob"), "stale");
            Files.writeString(normal.resolve("top"), "stale");
            Files.createSymbolicLink(normal.resolve("out"), victim);
            // A data path inside the daemon's own runtime directory.
            Path own = Files.createDirectories(daemon.runtimeDir().resolve("app-data"));
            Path ownFile = Files.writeString(own.resolve("keep"), "keep");

            Map<String, Path> services = Map.of("linked", viaLink, "normal", normal, "own", own);
            for (var e : services.entrySet()) {
                systemd.writeVendorUnit(e.getKey() + ".service", "[Service]\nExecStart=/bin/sh -c 'sleep 1; exit 3'\n");
                daemon.writeUnit(
                        e.getKey() + ".toml",
                        "service = \"" + e.getKey() + ".service\"\nrelax-time = \"60s\"\npublic-data = \""
                                + e.getValue() + "\"\n[[action]]\ntype = \"reset-public-data\"\n");
            }
            systemd.daemonReload();
            daemon.start().awaitReady();
            for (String s : services.keySet()) {
                systemd.systemctl("start", s + ".service").orThrow();
            }

            daemon.await(() -> logLine(daemon, "action-failed linked.service") != null, "the linked reset refused");
            daemon.await(() -> logLine(daemon, "action-failed own.service") != null, "the own-dir reset refused");
            daemon.await(() -> logLine(daemon, "action-done normal.service") != null, "the normal reset done");

            assertThat(logLine(daemon, "action-failed linked.service"))
                    .contains("refused")
                    .contains(viaLink.toString())
                    .contains("symbolic link at '" + link + "'");
            assertThat(logLine(daemon, "action-failed own.service"))
                    .contains("refused")
                    .contains(own.toString())
                    .contains("runtime directory");
            assertThat(precious).hasContent("keep");
            assertThat(ownFile).hasContent("keep");
            assertThat(normal).isDirectory();
            assertThat(Files.isSymbolicLink(normal)).isFalse();
            try (var left = Files.list(normal)) {
                assertThat(left).isEmpty();
            }
            assertThat(Files.exists(victim, LinkOption.NOFOLLOW_LINKS)).isTrue();

            PackagedDaemon.Run history = daemon.cli("history", "--service", "linked.service");
            assertThat(history.exitCode()).as(history.describe()).isZero();
            assertThat(history.out()).contains("symbolic link at '" + link + "'");
        }
    }

    /** The first line of the daemon's log containing {@code text}, or null. */
    private static String logLine(PackagedDaemon daemon, String text) {
        return daemon.log().lines().filter(l -> l.contains(text)).findFirst().orElse(null);
    }

    static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
