package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import io.recoverymanager.testkit.socket.DatagramReceiver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 through the packaged launcher: the daemon's state directory is a small tmpfs in its own
 * mount namespace; the test fills it. The failing service is still restarted with the counts in
 * memory, the daemon says it is degraded (log line, sd_notify STATUS, Prometheus gauge), the
 * destructive step of the ladder is refused, and once space is freed the counts and the refusal
 * reach the database.
 */
class DegradedStorageIT {
    private static final Pattern APP_RVECTOR =
            Pattern.compile("\"service\"\\s*:\\s*\"app.service\"\\s*,\\s*\"rvector\"\\s*:\\s*(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void aFullStateDiskKeepsRestartsGoingRefusesDestructiveStepsAndWritesTheCountsBackWhenFreed() throws Exception {
        Path starts = tmp.resolve("starts");
        Path publicData = Files.createDirectories(tmp.resolve("public"));
        Path precious = Files.writeString(publicData.resolve("precious"), "kept");
        Path metrics = tmp.resolve("metrics.prom");
        String notifySocket = tmp.resolve("notify.sock").toString();
        List<String> notifications = new ArrayList<>();
        try (SystemdSandbox systemd = SystemdSandbox.start();
                DatagramReceiver notify = new DatagramReceiver(notifySocket, 1_000);
                PackagedDaemon daemon = PackagedDaemon.in(tmp)
                        .sandbox(systemd)
                        .stateOnTmpfs("4m")
                        .section("[metrics]\ntextfile = \"" + metrics + "\"")
                        .env("NOTIFY_SOCKET", notifySocket)
                        .create()) {
            systemd.writeVendorUnit(
                    "app.service", "[Service]\nExecStart=/bin/sh -c 'echo x >> " + starts + "; sleep 1; exit 3'\n");
            systemd.daemonReload();
            daemon.writeUnit(
                    "app.toml",
                    "service = \"app.service\"\nrelax-time = \"1h\"\npublic-data = \"" + publicData + "\"\n"
                            + "[[action]]\ntype = \"restart-service\"\nretry = 3\n"
                            + "[[action]]\ntype = \"reset-public-data\"\n");
            daemon.start().awaitReady();

            Path filler = fill(daemon.stateDirInNamespace());
            systemd.systemctl("start", "app.service").orThrow();

            // failures 1-3: restarted although nothing can be committed; failure 4: reset refused
            daemon.await(() -> lines(starts) >= 4, "app.service restarted three times by the degraded daemon");
            daemon.await(
                    () -> daemon.log().contains("refused: the store is degraded"),
                    "the reset-public-data step refused while degraded");
            assertThat(precious).as(daemon.log()).exists();
            daemon.await(
                    () -> {
                        notify.receive().ifPresent(notifications::add);
                        return notifications.stream().anyMatch(n -> n.contains("STATUS=DEGRADED"));
                    },
                    "sd_notify STATUS=DEGRADED");
            daemon.await(
                    () -> read(metrics).matches("(?s).*recoverymanager_store_degraded\\{[^}]*\\} 1\n.*"),
                    "the degraded gauge at 1");
            assertThat(occurrences(daemon.log(), "store degraded:"))
                    .as("one error line per transition\n%s", daemon.log())
                    .isEqualTo(1);

            Files.delete(filler);

            daemon.await(() -> daemon.log().contains("store recovered:"), "the store recovered after space was freed");
            // SQLite resolves /proc/<pid>/root to "/": read the database from inside the namespace.
            PackagedDaemon.Run status = daemon.cliInDaemonNamespace("status", "--json");
            assertThat(status.exitCode()).as(status.describe()).isZero();
            Matcher rvector = APP_RVECTOR.matcher(status.out());
            assertThat(rvector.find()).as(status.describe()).isTrue();
            assertThat(Integer.parseInt(rvector.group(1)))
                    .as("the four failures counted in memory reached the database\n%s", status.describe())
                    .isEqualTo(4);
            PackagedDaemon.Run history = daemon.cliInDaemonNamespace("history", "--json", "--service", "app.service");
            assertThat(history.out())
                    .as(history.describe())
                    .contains("suppressed")
                    .contains("refused");
            daemon.await(
                    () -> read(metrics).matches("(?s).*recoverymanager_store_degraded\\{[^}]*\\} 0\n.*"),
                    "the degraded gauge at 0");
            assertThat(lines(starts))
                    .as("nothing restarted the service after the refusal")
                    .isEqualTo(4);
            assertThat(precious).exists();

            assertThat(daemon.stop()).as(daemon.log()).isEqualTo(143);
        }
    }

    /** Fills the file system under {@code dir} until it is full; returns the filler file. */
    private static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler");
        try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int block : new int[] {64 * 1024, 4096, 1}) {
                ByteBuffer bytes = ByteBuffer.allocate(block);
                try {
                    while (true) {
                        bytes.clear();
                        out.write(bytes);
                    }
                } catch (IOException full) {
                    if (!String.valueOf(full.getMessage()).contains("No space left")) {
                        throw full;
                    }
                }
            }
        }
        return filler;
    }

    private static int occurrences(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
