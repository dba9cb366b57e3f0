package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target = "dlt"} through the packaged launcher: the daemon logs to a real, private
 * dlt-daemon through libdlt, and dlt-receive reads back app id, context ids, levels and the typed
 * fields of engine events; without libdlt the daemon starts anyway and says so once on stderr.
 */
class DltLoggingIT {
    @TempDir
    Path tmp;

    @Test
    void theDaemonLogsRecoveryToTheRealDltDaemonUnderItsIdsAndLevels() throws Exception {
        try (DltDaemon dlt = DltDaemon.start(tmp.resolve("dlt"));
                SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp.resolve("rm"))
                        .sandbox(systemd)
                        .section(
                                """
                                [logging]
                                target = "dlt"
                                level = "warn"
                                [logging.dlt]
                                app-id = "RMIT"
                                [logging.dlt.context-ids]
                                engine = "EVTS"
                                """)
                        .runArgs("--log-level", "info")
                        .env("DLT_PIPE_DIR", dlt.pipeDir().toString())
                        .create()) {
            systemd.writeVendorUnit("app.service", "[Service]\nExecStart=/bin/sh -c 'sleep 1; exit 3'\n");
            systemd.daemonReload();
            daemon.writeUnit(
                    "app.toml",
                    "service = \"app.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-service\"\nretry = 100\n");
            daemon.start();

            // info reaches DLT although the file says warn: --log-level info overrides it
            DltDaemon.Message ready = dlt.awaitMessage(
                    m -> m.app().equals("RMIT") && m.payload().contains("ready: context host"), "ready in DLT");
            assertThat(ready.context()).isEqualTo("MAIN");
            assertThat(ready.level()).isEqualTo("info");

            systemd.systemctl("start", "app.service").orThrow();
            DltDaemon.Message failure = dlt.awaitMessage(
                    m -> m.app().equals("RMIT") && m.payload().contains("failure app.service rvector=1"),
                    "the failure of app.service in DLT");
            assertThat(failure.context()).isEqualTo("EVTS");
            assertThat(failure.level()).isEqualTo("warn");
            assertThat(failure.payload()).contains("context=host: result=exit-code");

            DltDaemon.Message action = dlt.awaitMessage(
                    m -> m.app().equals("RMIT")
                            && m.payload().contains("action app.service rvector=1 action=restart-service context=host"),
                    "the restart of app.service in DLT");
            assertThat(action.context()).isEqualTo("EVTS");
            assertThat(action.level()).isEqualTo("info");
            // the text, then service, rvector (uint32), action and context as typed arguments
            assertThat(action.args()).isEqualTo(5);
            assertThat(action.payload()).endsWith(" app.service 1 restart-service host");

            // nothing went to stderr but the JVM's own lines: no fallback, no log lines
            assertThat(daemon.log()).doesNotContain("DLT logging unavailable").doesNotContain("ready:");

            assertThat(daemon.stop()).as(daemon.log()).isEqualTo(143);
            dlt.awaitMessage(
                    m -> m.app().equals("DLTD") && m.payload().contains("Unregistered ApID 'RMIT'"),
                    "RMIT unregistered at exit");
        }
    }

    @Test
    void withoutLibdltTheDaemonStartsAndSaysSoOnceOnStderr() throws Exception {
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp)
                        .sandbox(systemd)
                        .section(
                                "[logging]\ntarget = \"dlt\"\n[logging.dlt]\nlibrary = \"libdlt-missing-for-test.so.9\"")
                        .start()) {
            daemon.awaitReady();
            assertThat(daemon.log().lines().filter(l -> l.contains("DLT logging unavailable")))
                    .singleElement()
                    .asString()
                    .startsWith("recoverymanager: DLT logging unavailable (cannot load libdlt-missing-for-test.so.9")
                    .endsWith("; logging to stderr instead");
            assertThat(daemon.stop()).as(daemon.log()).isEqualTo(143);
        }
    }
}
