package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check-start starts, it does not punish (issue 14.3), through the packaged launcher on a
 * sandboxed systemd: a check-start service nobody started is started once after the
 * integrity-check delay, its rvector stays 0, and the history says {@code check-start}.
 */
class CheckStartIT {
    private static final String APP = "app.service";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anInactiveCheckStartServiceIsStartedOnceAndNotCounted() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp)
                        .sandbox(systemd)
                        .configLine("integrity-check-delay = \"2s\"")
                        .create()) {
            systemd.writeVendorUnit(APP, "[Service]\nExecStart=/bin/sleep 3600\n");
            systemd.daemonReload();
            daemon.writeUnit(
                    "app.toml",
                    "service = \"app.service\"\ncheck-start = true\nrelax-time = \"60s\"\n"
                            + "[[action]]\ntype = \"restart-service\"\n");
            assertThat(systemd.property(APP, "ActiveState")).isEqualTo("inactive");

            daemon.start().awaitReady();

            daemon.await(() -> "active".equals(systemd.property(APP, "ActiveState")), "app.service was started");
            daemon.await(
                    () -> cliOut(daemon, "history", "--service", APP).contains("check-start"),
                    "the history shows the check-start");
            JsonNode history = JSON.readTree(cliOut(daemon, "history", "--service", APP, "--json"));
            List<String> kinds = new ArrayList<>();
            history.forEach(row -> kinds.add(row.get("kind").asText()));
            assertThat(kinds).containsOnlyOnce("check-start").doesNotContain("failure", "action");
            JsonNode status = JSON.readTree(cliOut(daemon, "status", "--json"));
            JsonNode app = null;
            for (JsonNode row : status.get("services")) {
                if (row.get("service").asText().equals(APP)) {
                    app = row;
                }
            }
            assertThat(app).as("status lists %s", APP).isNotNull();
            assertThat(app.get("rvector").asInt()).isZero();
            assertThat(app.get("last_failure").isNull()).isTrue();
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
