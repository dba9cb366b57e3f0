package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendor units layer (issue 13.10) through the packaged launcher on a sandboxed systemd: units
 * in {@code vendor-units-dir} are in force unless a file of the same name in {@code units-dir}
 * replaces them or a link to {@code /dev/null} there masks them, at start and at reload, and
 * {@code check} reads both layers as the daemon does.
 */
class VendorUnitsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static String unit(String service, String action) {
        return "service = \"" + service + "\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"" + action + "\"\n";
    }

    @Test
    void vendorUnitsAreOverriddenAndMaskedByTheOperatorsAtStartAndReload() throws Exception {
        Path vendor = Files.createDirectories(tmp.resolve("vendor"));
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp.resolve("daemon"))
                        .sandbox(systemd)
                        .configLine("vendor-units-dir = \"" + vendor + "\"")
                        .create()) {
            for (String s : List.of("a", "b", "c")) {
                systemd.writeVendorUnit(s + ".service", "[Service]\nExecStart=/bin/sh -c 'sleep 0.3; exit 3'\n");
            }
            systemd.daemonReload();
            Files.writeString(vendor.resolve("a.toml"), unit("a.service", "restart-service"));
            Files.writeString(vendor.resolve("b.toml"), unit("b.service", "restart-service"));
            Files.writeString(vendor.resolve("c.toml"), unit("c.service", "restart-service"));
            daemon.writeUnit("b.toml", unit("b.service", "disable-service"));
            Files.createSymbolicLink(daemon.unitsDir().resolve("c.toml"), Path.of("/dev/null"));

            PackagedDaemon.Run check = daemon.cli("check");
            assertThat(check.exitCode()).as(check.describe()).isZero();
            assertThat(check.out())
                    .contains(vendor.resolve("b.toml") + ": overridden by "
                            + daemon.unitsDir().resolve("b.toml"))
                    .contains(daemon.unitsDir().resolve("c.toml") + ": masked")
                    .contains("2 units valid");

            daemon.start().awaitReady();
            assertThat(governed(daemon)).containsExactly("a.service", "b.service");

            // the vendor unit acts; the operator's replacement acts with its own ladder
            systemd.systemctl("start", "--no-block", "a.service").orThrow();
            systemd.systemctl("start", "--no-block", "b.service").orThrow();
            daemon.await(
                    () -> historyOf(daemon, "a.service").contains("restart-service")
                            && historyOf(daemon, "b.service").contains("disable-service"),
                    "a.service restarted by the vendor unit, b.service disabled by the operator's");

            // reload: the operator masks a, unmasks c
            Files.createSymbolicLink(daemon.unitsDir().resolve("a.toml"), Path.of("/dev/null"));
            Files.delete(daemon.unitsDir().resolve("c.toml"));
            daemon.signal(1);
            daemon.await(
                    () -> governed(daemon).equals(List.of("b.service", "c.service")),
                    "after the reload a is masked and c is in force");
            assertThat(daemon.log()).contains("masked (a link to /dev/null)");
        }
    }

    private static List<String> governed(PackagedDaemon daemon) {
        try {
            JsonNode status = JSON.readTree(daemon.cli("status", "--json").out());
            List<String> services = new ArrayList<>();
            status.get("services")
                    .forEach(row -> services.add(row.get("service").asText()));
            return services;
        } catch (java.io.IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static String historyOf(PackagedDaemon daemon, String service) {
        try {
            return daemon.cli("history", "--service", service).out();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
