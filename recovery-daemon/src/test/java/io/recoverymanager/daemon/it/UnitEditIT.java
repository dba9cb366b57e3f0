package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.unit.StoredUnit;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees when editing a unit and reloading (SIGHUP), through the packaged launcher:
 * a broken edit keeps the last good unit and every count; a good edit of a template unit returns
 * the count of each of its instances to 0 and leaves other services' counts alone. The unit-sync
 * policy is the core's ({@code UnitSync}); the store applies its plan in one transaction.
 */
class UnitEditIT {
    private static final String ONE = "app@one.service";
    private static final String TWO = "app@two.service";
    private static final String OTHER = "other.service";

    @TempDir
    Path tmp;

    private static String template(String retry) {
        return "service = \"app@.service\"\nrelax-time = \"1h\"\n[[action]]\ntype = \"restart-service\"\n" + "retry = "
                + retry + "\n";
    }

    @Test
    void aBrokenEditKeepsTheCountsAndAGoodEditOfATemplateZeroesEveryInstance() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp).sandbox(systemd).create()) {
            Path flags = Files.createDirectories(tmp.resolve("flags"));
            // Each fails on its first start only: one restart makes it run, its count stays at 1 (1h relax).
            String failOnce = "[Service]\nExecStart=/bin/sh -c 'if [ -e " + flags + "/%n ]; then exec sleep infinity;"
                    + " fi; touch " + flags + "/%n; exit 3'\n";
            systemd.writeVendorUnit("app@.service", failOnce);
            systemd.writeVendorUnit(OTHER, failOnce);
            systemd.daemonReload();
            daemon.writeUnit("app@.toml", template("5"));
            daemon.writeUnit(
                    "other.toml",
                    "service = \"other.service\"\nrelax-time = \"1h\"\n[[action]]\ntype = \"restart-service\"\n"
                            + "retry = 5\n");
            daemon.start().awaitReady();

            systemd.systemctl("start", "--no-block", ONE, TWO, OTHER);
            for (String service : List.of(ONE, TWO, OTHER)) {
                daemon.await(
                        () -> "active".equals(systemd.property(service, "ActiveState"))
                                && rvector(daemon, service) == 1,
                        service + " recovered with its failure counted");
            }

            daemon.writeUnit("app@.toml", template("\"many\""));
            daemon.signal(1);
            daemon.await(() -> historyKinds(daemon).contains("unit-rejected"), "the broken edit was rejected");
            assertThat(rvector(daemon, ONE))
                    .as("a typo must not reset the count")
                    .isEqualTo(1);
            assertThat(rvector(daemon, TWO)).isEqualTo(1);
            assertThat(retryOfTemplate(daemon))
                    .as("the last good unit stays in force")
                    .isEqualTo(5);

            daemon.writeUnit("app@.toml", template("4"));
            daemon.signal(1);
            daemon.await(() -> historyKinds(daemon).contains("unit-changed"), "the good edit was applied");
            assertThat(retryOfTemplate(daemon)).isEqualTo(4);
            assertThat(rvector(daemon, ONE)).as(daemon.log()).isZero();
            assertThat(rvector(daemon, TWO)).isZero();
            assertThat(rvector(daemon, OTHER))
                    .as("a unit that did not change keeps its count")
                    .isEqualTo(1);
            assertThat(daemon.stop()).isEqualTo(143);
        }
    }

    private static int rvector(PackagedDaemon daemon, String service) {
        if (!Files.exists(daemon.stateDir().resolve(SqliteRecoveryStore.FILE_NAME))) {
            return -1;
        }
        try (SqliteRecoveryStore store = SqliteRecoveryStore.openReadOnly(daemon.stateDir())) {
            return store.state(service).rvector();
        }
    }

    private static List<String> historyKinds(PackagedDaemon daemon) {
        try (SqliteRecoveryStore store = SqliteRecoveryStore.openReadOnly(daemon.stateDir())) {
            return store.history(HistoryQuery.all(10_000)).stream()
                    .map(HistoryEntry::kind)
                    .toList();
        }
    }

    private static int retryOfTemplate(PackagedDaemon daemon) {
        try (SqliteRecoveryStore store = SqliteRecoveryStore.openReadOnly(daemon.stateDir())) {
            return store.units().stream()
                    .map(StoredUnit::unit)
                    .filter(u -> u.service().equals("app@.service"))
                    .findFirst()
                    .orElseThrow()
                    .actions()
                    .get(0)
                    .retry();
        }
    }
}
