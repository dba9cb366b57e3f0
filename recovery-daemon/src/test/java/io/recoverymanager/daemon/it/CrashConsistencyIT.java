package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.daemon.runtime.CrashPoints;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Intent before action, through the packaged launcher: the daemon is killed (halted like kill -9)
 * at each crash point of the failure → action path, started again, and the failed service ends up
 * running with its failure counted once and no pending action left.
 */
class CrashConsistencyIT {
    private static final String APP = "app.service";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                CrashPoints.AFTER_COUNT,
                CrashPoints.AFTER_INTENT,
                CrashPoints.AFTER_CALL,
                CrashPoints.BEFORE_COMPLETION
            })
    void aDaemonKilledOnTheActionPathFinishesTheRecoveryAfterItsRestart(String point) throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp).sandbox(systemd).create()) {
            Path flag = tmp.resolve("failed-once");
            // Fails on its first start only: one recovery action makes it run.
            systemd.writeVendorUnit(
                    APP,
                    "[Service]\nExecStart=/bin/sh -c 'if [ -e " + flag + " ]; then exec sleep infinity; fi; touch "
                            + flag + "; exit 3'\n");
            systemd.daemonReload();
            daemon.writeUnit(
                    "app.toml",
                    "service = \"app.service\"\nrelax-time = \"1h\"\n[[action]]\ntype = \"restart-service\"\n"
                            + "retry = 5\n");
            daemon.startCrashingAt(point).awaitReady();

            systemd.systemctl("start", "--no-block", APP);
            assertThat(daemon.awaitExit()).as(daemon.log()).isEqualTo(137);
            assertThat(daemon.log()).contains("crash point " + point + " reached");

            daemon.start().awaitReady();

            daemon.await(() -> "active".equals(activeState(systemd)), APP + " running again");
            daemon.await(() -> pendingActions(daemon) == 0, "no pending action left");
            try (SqliteRecoveryStore store = SqliteRecoveryStore.openReadOnly(daemon.stateDir())) {
                // counted once: the failure systemd reports again at the restart is recognised
                assertThat(store.state(APP).rvector()).as(daemon.log()).isEqualTo(1);
            }
            assertThat(daemon.stop()).isEqualTo(143);
        }
    }

    static String activeState(SystemdSandbox systemd) {
        return systemd.property(APP, "ActiveState");
    }

    static int pendingActions(PackagedDaemon daemon) {
        if (!Files.exists(daemon.stateDir().resolve(SqliteRecoveryStore.FILE_NAME))) {
            return -1;
        }
        try (SqliteRecoveryStore store = SqliteRecoveryStore.openReadOnly(daemon.stateDir())) {
            return store.pendingActions().size();
        }
    }
}
