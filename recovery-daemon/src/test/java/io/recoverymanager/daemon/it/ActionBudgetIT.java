package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recoverymanager.runtime.InstanceBoot;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import io.recoverymanager.testkit.socket.DatagramReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destructive-action budget (issue 14.5) end to end, through the packaged launcher on a
 * sandboxed systemd: a service whose ladder is restart-platform fails at every "boot"; the
 * configured platform-restart command (a script appending a line to a file) runs on the first
 * three boots, and on the fourth, within the hour, the platform restart is held: not run, with a
 * history row, an error log line, the metric, sd_notify {@code STATUS=}, {@code status} and {@code
 * reset} saying so.
 */
class ActionBudgetIT {
    private static final String APP = "loop.service";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aRebootLoopIsHeldAfterTheThirdPlatformRestart() throws Exception {
        Path reboots = tmp.resolve("reboots.log");
        Path script = tmp.resolve("fake-reboot.sh");
        Files.writeString(script, "#!/bin/sh\necho reboot >> \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path metrics = tmp.resolve("daemon/metrics.prom");
        Path notifySocket = tmp.resolve("notify.sock");
        java.util.List<String> notifications = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean listening = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (DatagramReceiver receiver = new DatagramReceiver(notifySocket.toString(), 500);
                SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp.resolve("daemon"))
                        .sandbox(systemd)
                        .env("NOTIFY_SOCKET", notifySocket.toString())
                        .section("[commands]\nplatform-restart = [\"" + script + "\", \"" + reboots + "\"]")
                        .section("[metrics]\ntextfile = \"" + metrics + "\"")
                        .create()) {
            Thread listener = new Thread(() -> {
                while (listening.get()) {
                    receiver.receive().ifPresent(notifications::add);
                }
            });
            listener.setDaemon(true);
            listener.start();
            try {
                runTheLoop(systemd, daemon, reboots, metrics, notifications);
            } finally {
                listening.set(false);
                listener.join(10_000);
            }
        }
    }

    private void runTheLoop(
            SystemdSandbox systemd,
            PackagedDaemon daemon,
            Path reboots,
            Path metrics,
            java.util.List<String> notifications)
            throws Exception {
        systemd.writeVendorUnit(APP, "[Service]\nExecStart=/bin/sh -c 'sleep 0.2; exit 3'\n");
        systemd.daemonReload();
        daemon.writeUnit(
                "loop.toml",
                "service = \"loop.service\"\nrelax-time = \"1h\"\n"
                        + "[[action]]\ntype = \"restart-platform\"\nretry = 100\n");

        for (int boot = 1; boot <= 4; boot++) {
            daemon.start().awaitReady();
            systemd.systemctl("start", "--no-block", APP).orThrow();
            int expectedRvector = boot;
            daemon.await(
                    () -> history(daemon).stream()
                            .anyMatch(row -> row.get("rvector").asInt() == expectedRvector
                                    && (row.get("kind").asText().equals("action-done")
                                            || row.get("kind").asText().equals("held"))),
                    "boot " + boot + ": the failure was acted on or held");
            if (boot < 4) {
                assertThat(daemon.stop()).isEqualTo(143);
                // a reboot: the runtime directory (a tmpfs) is emptied, a new instance boot begins
                Files.delete(daemon.runtimeDir().resolve(InstanceBoot.FILE_NAME));
            }
        }

        assertThat(Files.readAllLines(reboots))
                .as("the platform-restart command ran")
                .hasSize(3);
        JsonNode held = history(daemon).stream()
                .filter(row -> row.get("kind").asText().equals("held"))
                .findFirst()
                .orElseThrow();
        assertThat(held.get("service").asText()).isEqualTo(APP);
        assertThat(held.get("action").asText()).isEqualTo("restart-platform");
        assertThat(held.get("detail").asText()).contains("restart-platform budget spent (3 of 3 per 1h)");
        assertThat(history(daemon).stream()
                        .filter(row -> row.get("kind").asText().equals("budget-spent")))
                .hasSize(3);
        assertThat(daemon.log())
                .containsPattern("(?m) ERROR .*held " + APP + " rvector=4 action=restart-platform .*budget spent");

        JsonNode status = JSON.readTree(daemon.cli("status", "--json").out());
        JsonNode row = status.get("services").get(0);
        assertThat(row.get("service").asText()).isEqualTo(APP);
        assertThat(row.get("held").asText()).contains("restart-platform budget spent");

        daemon.await(
                () -> readQuietly(metrics)
                        .contains("recoverymanager_actions_held_total{context=\"host\",action=\"restart-platform\"} 1"),
                "the held metric is written");

        // sd_notify STATUS= says so too (what `systemctl status recoverymanager` shows)
        daemon.await(
                () -> notifications.stream()
                        .anyMatch(n -> n.contains("STATUS=")
                                && n.contains("held restart-platform of " + APP)
                                && n.contains("budget spent")),
                "STATUS= names the held action");

        PackagedDaemon.Run reset = daemon.cli("reset", APP);
        assertThat(reset.exitCode()).as(reset.describe()).isZero();
        assertThat(reset.out()).contains("rvector 4 -> 0").contains("it was held: restart-platform budget spent");
        assertThat(Files.readAllLines(reboots)).hasSize(3);
    }

    private static java.util.List<JsonNode> history(PackagedDaemon daemon) {
        try {
            JsonNode rows = JSON.readTree(
                    daemon.cli("history", "--json", "--limit", "1000").out());
            java.util.List<JsonNode> list = new java.util.ArrayList<>();
            rows.forEach(list::add);
            return list;
        } catch (java.io.IOException e) {
            return java.util.List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.List.of();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
