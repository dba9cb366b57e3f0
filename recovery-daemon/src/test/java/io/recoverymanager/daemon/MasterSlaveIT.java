package io.recoverymanager.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.it.PackagedDaemon;
import io.recoverymanager.daemon.runtime.CrashPoint;
import io.recoverymanager.daemon.runtime.CrashPointLedger;
import io.recoverymanager.daemon.wiring.MasterWiring;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.testkit.RecordingListener;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real daemons, each watching its own sandboxed real systemd; the slave is a separate process
 * of the packaged launcher in its own UTS namespace with the hostname {@code container1}, which
 * becomes its context. System actions travel over the real master socket. The exactly-once tests
 * run the master as the packaged launcher too and halt it like kill -9 at a crash point on its
 * request path (after the ledger write, after the execution), then start it again and count the
 * runs of the platform-restart command; the other tests run the master in this JVM.
 */
class MasterSlaveIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path LAUNCHER = Path.of("target", "recoverymanager", "bin", "recoverymanager");

    @TempDir
    Path tmp;

    private SystemdSandbox masterSystemd;
    private SystemdSandbox slaveSystemd;
    private Daemon master;
    private Process slave;
    private PackagedDaemon packagedSlave;
    private Path slaveState;
    private final List<PackagedDaemon> toStop = new ArrayList<>();
    private final RecordingListener masterEvents = new RecordingListener();
    private Path socket;
    private Path markers;
    private Path markerScript;

    @BeforeEach
    void setUp() throws IOException {
        assertThat(LAUNCHER)
                .as("the packaged launcher (mvn package runs before the ITs)")
                .isExecutable();
        masterSystemd = SystemdSandbox.start();
        slaveSystemd = SystemdSandbox.builder().hostname("container1").start();
        socket = tmp.resolve("master-run/rmgr.sock");
        markers = tmp.resolve("markers.txt");
        markerScript = tmp.resolve("marker.sh");
        Files.writeString(markerScript, "#!/bin/sh\necho \"$1 $2 $3\" >> \"" + markers + "\"\n");
        Files.setPosixFilePermissions(markerScript, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (PackagedDaemon d : toStop) {
            d.close();
        }
        if (packagedSlave != null) {
            packagedSlave.close();
        }
        if (slave != null) {
            slave.destroy();
            if (!slave.waitFor(20, TimeUnit.SECONDS)) {
                slave.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            slave.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        if (master != null) {
            master.close();
        }
        if (slaveSystemd != null) {
            slaveSystemd.close();
        }
        if (masterSystemd != null) {
            masterSystemd.close();
        }
    }

    @Test
    void platformRestartRunsExactlyOnceWhenTheMasterIsKilledBetweenTheLedgerWriteAndTheExecution() throws Exception {
        platformRestartSurvivesAMasterKilledAt(CrashPointLedger.AFTER_BEGIN, 0);
        // the slave's history says how the request ended
        assertThat(packagedSlave.cli("history").out())
                .contains("forwarded-acknowledged")
                .contains("ok");
    }

    @Test
    void platformRestartRunsExactlyOnceWhenTheMasterIsKilledBetweenTheExecutionAndTheAcknowledgement()
            throws Exception {
        platformRestartSurvivesAMasterKilledAt(MasterWiring.AFTER_EXECUTION, 1);
        // the master cannot know how it ended: the slave's history says so (a late acknowledgement)
        assertThat(packagedSlave.cli("history").out()).contains("outcome unknown");
    }

    /**
     * Both daemons run as the packaged launcher; the master halts like kill -9 at {@code crashPoint}
     * while running the slave's restart-platform request and is started again.
     */
    private void platformRestartSurvivesAMasterKilledAt(String crashPoint, int executionsAtTheCrash) throws Exception {
        failingService(slaveSystemd, "app.service");
        PackagedDaemon armed = packagedMaster()
                .env("JAVA_OPTS", "-D" + CrashPoint.PROPERTY + "=" + crashPoint)
                .start();
        toStop.add(armed);
        packagedSlave = PackagedDaemon.in(Files.createDirectories(tmp.resolve("slave")))
                .sandbox(slaveSystemd)
                .runMode("slave")
                .context(null)
                .hostname("container1")
                .section("[ipc]\nsocket = \"" + socket + "\"\ntimeout = \"5s\"")
                .create();
        slaveState = packagedSlave.stateDir();
        packagedSlave.writeUnit(
                "app.toml",
                """
                service = "app.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                [[action]]
                type = "restart-platform"
                """);
        packagedSlave.start();
        armed.await(() -> armed.log().contains("slave container1 connected"), "the slave connected");

        slaveSystemd.systemctl("start", "app.service").orThrow();
        armed.await(() -> !armed.isRunning(), "the master halted at " + crashPoint);
        assertThat(armed.log()).contains("crash point " + crashPoint + " reached");
        assertThat(markerLines()).hasSize(executionsAtTheCrash);
        armed.await(() -> pendingInSlaveOutbox() == 1, "the request waiting in the slave's outbox");

        PackagedDaemon restarted = packagedMaster().start();
        toStop.add(restarted);
        restarted.await(() -> pendingInSlaveOutbox() == 0, "the slave's outbox emptied by the acknowledgement");
        assertThat(markerLines()).containsExactly("platform container1 app.service");

        // and once more: a further restart and reconnect runs nothing again
        assertThat(restarted.stop()).isEqualTo(143);
        int connectsBefore = PackagedDaemon.occurrences(restarted.log(), "slave container1 connected");
        restarted.start();
        restarted.await(
                () -> PackagedDaemon.occurrences(restarted.log(), "slave container1 connected") > connectsBefore,
                "the slave reconnected to the restarted master");
        assertThat(markerLines()).containsExactly("platform container1 app.service");
    }

    /** The packaged master: container1 (root, no machine) may have the platform restarted. */
    private PackagedDaemon.Builder packagedMaster() throws IOException {
        return PackagedDaemon.in(Files.createDirectories(tmp.resolve("master")))
                .sandbox(masterSystemd)
                .runMode("master")
                .context("host")
                .section(
                        """
                        [ipc]
                        socket = "%s"
                        timeout = "5s"
                        [[ipc.context]]
                        name = "container1"
                        uid = 0
                        actions = ["restart-context", "restart-platform"]
                        [commands]
                        platform-restart = ["%s", "platform", "${context}", "${service}"]
                        """
                                .formatted(socket, markerScript));
    }

    @Test
    void restartContextRequestedByTheSlaveRunsOnTheMasterWithTheSlavesContext() throws Exception {
        failingService(slaveSystemd, "box.service");
        slaveUnit("box", "restart-context");
        startMaster(List.of());
        startSlave();
        awaitConnected();

        slaveSystemd.systemctl("start", "box.service").orThrow();

        await(() -> markerLines().size() == 1, "the master ran the context-restart command");
        assertThat(markerLines()).containsExactly("context container1 box.service");
        assertThat(Files.readString(tmp.resolve("slave-run/run-mode"))).startsWith("slave (");

        // The master's Prometheus textfile is written at shutdown (and every 15 s).
        master.close();
        master = null;
        assertThat(Files.readString(tmp.resolve("master.prom"))).contains("recoverymanager_");
    }

    @Test
    void friendsReactToFailuresInTheOtherContext() throws Exception {
        // master side: watcher.service restarts when app.service fails in container1
        longRunningService(masterSystemd, "watcher.service");
        masterSystemd.systemctl("start", "watcher.service").orThrow();
        String watcherBefore = masterSystemd.property("watcher.service", "InvocationID");
        // slave side: listener.service restarts when hostsvc.service fails on the master ("host")
        longRunningService(slaveSystemd, "listener.service");
        slaveSystemd.systemctl("start", "listener.service").orThrow();
        String listenerBefore = slaveSystemd.property("listener.service", "InvocationID");
        Files.writeString(
                slaveUnitsDir().resolve("listener.toml"),
                """
                service = "listener.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                [[friend]]
                type = "service"
                name = "hostsvc.service"
                context = "host"
                action = "restart"
                """);
        startMaster(
                List.of(
                        """
                service = "watcher.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                [[friend]]
                type = "service"
                name = "app.service"
                context = "container1"
                action = "restart"
                """));
        startSlave();
        awaitConnected();

        failingOnce(slaveSystemd, "app.service");
        slaveSystemd.systemctl("start", "app.service").orThrow();
        await(
                () -> !masterSystemd.property("watcher.service", "InvocationID").equals(watcherBefore),
                "watcher.service on the master restarted by its friend in container1");
        // the event reaches the listener on the engine's loop, not necessarily before systemd restarts
        await(
                () -> masterEvents.events(RecoveryEvent.FriendActionIssued.class).stream()
                        .anyMatch(e -> e.friend().equals("app.service")
                                && e.friendContext().equals("container1")),
                "the master's engine reported the friend action for app.service in container1");

        failingOnce(masterSystemd, "hostsvc.service");
        masterSystemd.systemctl("start", "hostsvc.service").orThrow();
        await(
                () -> !slaveSystemd.property("listener.service", "InvocationID").equals(listenerBefore),
                "listener.service in container1 restarted by its friend on the master");
    }

    @Test
    void aCrashReportedOnTheMasterNamingTheSlavesContextFiresAProcessFriendInThatContext() throws Exception {
        // slave side: watcher.service restarts when the process "player" crashes in its own context
        longRunningService(slaveSystemd, "watcher.service");
        slaveSystemd.systemctl("start", "watcher.service").orThrow();
        String watcherBefore = slaveSystemd.property("watcher.service", "InvocationID");
        Files.writeString(
                slaveUnitsDir().resolve("watcher.toml"),
                """
                service = "watcher.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                [[friend]]
                type = "process"
                name = "player"
                action = "restart"
                """);
        startMaster(List.of());
        startSlave();
        awaitConnected();

        // crash reporters run on the host: the report reaches the master's control socket
        PackagedDaemon.Run report = PackagedDaemon.runLauncher(
                tmp,
                Map.of(),
                List.of(
                        "report-crash",
                        "--process",
                        "player",
                        "--context",
                        "container1",
                        "--runtime-dir",
                        tmp.resolve("master-run").toString()));
        assertThat(report.exitCode()).as(report.describe()).isZero();
        await(
                () -> !slaveSystemd.property("watcher.service", "InvocationID").equals(watcherBefore),
                "watcher.service in container1 restarted by its process friend");
    }

    // ------------------------------------------------------------------ fixtures

    private void startMaster(List<String> units) throws Exception {
        Path unitsDir = Files.createDirectories(tmp.resolve("master-units"));
        for (int i = 0; i < units.size(); i++) {
            Files.writeString(unitsDir.resolve("unit" + i + ".toml"), units.get(i));
        }
        DaemonConfig config = new ConfigLoader()
                .parse(
                        "master.toml",
                        """
                        run-mode = "master"
                        context = "host"
                        units-dir = "%s"
                        state-dir = "%s"
                        runtime-dir = "%s"
                        bus = "%s"
                        integrity-check-delay = "1h"
                        [ipc]
                        socket = "%s"
                        timeout = "5s"
                        [metrics]
                        textfile = "%s"
                        [commands]
                        platform-restart = ["%s", "platform", "${context}", "${service}"]
                        context-restart = ["%s", "context", "${context}", "${service}"]
                        """
                                .formatted(
                                        unitsDir,
                                        tmp.resolve("master-state"),
                                        tmp.resolve("master-run"),
                                        masterSystemd.busAddress(),
                                        socket,
                                        tmp.resolve("master.prom"),
                                        markerScript,
                                        markerScript));
        master = Daemon.start(config, Daemon.Environment.embedded("host", masterEvents));
    }

    private Path slaveUnitsDir() throws IOException {
        return Files.createDirectories(tmp.resolve("slave-units"));
    }

    private void slaveUnit(String name, String... actions) throws IOException {
        StringBuilder unit = new StringBuilder("service = \"" + name + ".service\"\nrelax-time = \"60s\"\n");
        for (String action : actions) {
            unit.append("[[action]]\ntype = \"").append(action).append("\"\n");
        }
        Files.writeString(slaveUnitsDir().resolve(name + ".toml"), unit.toString());
    }

    private void startSlave() throws IOException {
        Path config = tmp.resolve("slave.toml");
        Files.writeString(
                config,
                """
                run-mode = "slave"
                units-dir = "%s"
                state-dir = "%s"
                runtime-dir = "%s"
                bus = "%s"
                integrity-check-delay = "1h"
                [ipc]
                socket = "%s"
                timeout = "5s"
                """
                        .formatted(
                                slaveUnitsDir(),
                                tmp.resolve("slave-state"),
                                tmp.resolve("slave-run"),
                                slaveSystemd.busAddress(),
                                socket));
        List<String> command = new ArrayList<>(List.of(
                "unshare",
                "--uts",
                "--",
                "/bin/sh",
                "-c",
                "hostname \"$1\" && exec \"$2\" run --config \"$3\"",
                "sh",
                "container1",
                LAUNCHER.toAbsolutePath().toString(),
                config.toString()));
        slave = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("slave.log").toFile())
                .start();
    }

    private void awaitConnected() {
        await(
                () -> master != null && master.connectedSlaves().contains("container1"),
                "the slave container1 connected");
    }

    private int pendingInSlaveOutbox() {
        Path state = slaveState != null ? slaveState : tmp.resolve("slave-state");
        Path db = state.resolve(SqliteRecoveryStore.FILE_NAME);
        if (!Files.exists(db)) {
            return -1;
        }
        try (SqliteRecoveryStore store = SqliteRecoveryStore.openReadOnly(state)) {
            return store.pending().size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private List<String> markerLines() {
        try {
            return Files.exists(markers) ? Files.readAllLines(markers) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void failingService(SystemdSandbox sandbox, String name) {
        sandbox.writeVendorUnit(name, "[Service]\nRestart=no\nExecStart=/bin/sh -c 'sleep 1; exit 3'\n");
        sandbox.daemonReload();
    }

    private void failingOnce(SystemdSandbox sandbox, String name) {
        Path flag = tmp.resolve(sandbox.hostname().orElse("host") + "-" + name + ".ran");
        sandbox.writeVendorUnit(
                name,
                "[Service]\nRestart=no\nExecStart=/bin/sh -c 'if [ -e " + flag
                        + " ]; then exec sleep infinity; fi; touch " + flag + "; sleep 1; exit 1'\n");
        sandbox.daemonReload();
    }

    private static void longRunningService(SystemdSandbox sandbox, String name) {
        sandbox.writeVendorUnit(name, "[Service]\nExecStart=/bin/sleep infinity\n");
        sandbox.daemonReload();
    }

    private void await(BooleanSupplier condition, String what) {
        PackagedDaemon.awaitCondition(condition, WAIT, what, () -> "\nslave log:\n" + slaveLog());
    }

    private String slaveLog() {
        try {
            Path log = tmp.resolve("slave.log");
            return Files.exists(log) ? Files.readString(log) : "(no slave log)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
