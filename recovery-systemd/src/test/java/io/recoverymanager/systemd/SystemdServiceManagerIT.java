package io.recoverymanager.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.model.ServiceStatus;
import io.recoverymanager.testkit.contract.Await;
import io.recoverymanager.testkit.contract.RecordingServiceObserver;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter against a real sandboxed {@code systemd --user}: results, deduplication, systemd's own
 * restarts, daemon-reload/-reexec, a killed and a stopped dbus-daemon, disable-for-boot.
 */
class SystemdServiceManagerIT {
    /** Generous: a loaded CI machine took more than 30 s for the initial sync. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static SystemdSandbox sandbox;

    private final List<SystemdServiceManager> managers = new ArrayList<>();

    @BeforeAll
    static void startSandbox() {
        sandbox = SystemdSandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void closeManagers() {
        managers.forEach(SystemdServiceManager::close);
    }

    private SystemdServiceManager watch(BusAddress bus, RecordingServiceObserver observer) {
        SystemdServiceManager manager = SystemdServiceManager.connect(SystemdConnectionConfig.of(bus));
        managers.add(manager);
        manager.watch(observer);
        Await.done(manager.ready(), TIMEOUT, "initial sync");
        return manager;
    }

    private static BusAddress sessionBus() {
        return new BusAddress.Explicit(sandbox.busAddress());
    }

    private static BusAddress privateSocket() {
        return new BusAddress.PrivateSocket(sandbox.privateSocket());
    }

    private static String name(String hint) {
        return "it-" + NAMES.incrementAndGet() + "-" + hint + ".service";
    }

    /** Defines and starts a service, waiting until it runs. */
    private static String running(String hint) {
        String service = name(hint);
        SandboxServices.define(sandbox, service, "");
        sandbox.systemctl("start", service).orThrow();
        return service;
    }

    /**
     * Makes a fresh service fail and waits for its report: every signal emitted before it has then
     * been handled by the adapter's single event thread.
     */
    private static void barrier(RecordingServiceObserver observer) {
        String service = running("barrier");
        SandboxServices.exitMainProcess(sandbox, service, 1);
        observer.awaitFailures(service, 1, TIMEOUT);
    }

    @Test
    void reportsTheResultAndStatusOfAMainProcessKilledBySignal() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        watch(sessionBus(), observer);
        String service = running("sigkill");

        sandbox.systemctl("kill", "--kill-whom=main", "--signal=SIGKILL", service)
                .orThrow();

        ServiceFailure failure = observer.awaitFailures(service, 1, TIMEOUT);
        assertThat(failure.result()).isEqualTo("signal");
        assertThat(failure.exitStatus()).hasValue(9);
    }

    @Test
    void aServiceSystemdRestartsByItselfIsNotAFailureUntilSystemdGivesUp() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        watch(sessionBus(), observer);
        String service = name("start-limit");
        sandbox.writeUnit(
                service,
                "[Unit]\nStartLimitIntervalSec=60\nStartLimitBurst=3\n"
                        + "[Service]\nExecStart=/bin/false\nRestart=always\nRestartSec=0\n");
        sandbox.daemonReload();

        sandbox.systemctl("start", service);

        ServiceFailure failure = observer.awaitFailures(service, 1, TIMEOUT);
        // systemd 252 keeps the first non-success Result (exit-code) when the start limit stops it.
        assertThat(failure.result()).isEqualTo(sandbox.property(service, "Result"));
        assertThat(failure.exitStatus()).hasValue(1);
        // Burst 3: the first start and two automatic restarts run; the third restart is counted, then refused.
        assertThat(sandbox.property(service, "NRestarts")).isEqualTo("3");
        barrier(observer);
        assertThat(observer.failuresOf(service)).hasSize(1);
    }

    private static void awaitPolicyKnown(SystemdServiceManager manager, String service) {
        Await.until(
                () -> manager.knowsRestartPolicyOf(service)
                        .toCompletableFuture()
                        .join(),
                Boolean.TRUE::equals,
                TIMEOUT,
                "the restart policy of " + service + " known");
    }

    @Test
    void aRestartStartsAFailedServiceAndRestartsARunningOne() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(sessionBus(), observer);
        String failed = running("start-when-failed");
        String up = running("restart-when-up");
        String upPid = sandbox.property(up, "MainPID");
        SandboxServices.exitMainProcess(sandbox, failed, 3);
        observer.awaitFailures(failed, 1, TIMEOUT);

        try (BusMonitor monitor = BusMonitor.start(sandbox)) {
            Await.done(manager.restart(failed), TIMEOUT, "restart of " + failed);
            Await.done(manager.restart(up), TIMEOUT, "restart of " + up);

            List<String> calls =
                    Await.until(monitor::calls, c -> c.contains("RestartUnit " + up), TIMEOUT, "the calls on the bus");
            assertThat(calls).contains("StartUnit " + failed).doesNotContain("RestartUnit " + failed);
        }
        assertThat(sandbox.property(failed, "ActiveState")).isEqualTo("active");
        assertThat(sandbox.property(up, "MainPID")).isNotEqualTo(upPid).isNotEqualTo("0");
    }

    @Test
    void aFailureOfAServiceSystemdNeverRestartsIsDecidedFromItsSignalWithoutAReadBack() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(sessionBus(), observer);
        String service = running("no-restart");
        awaitPolicyKnown(manager, service);
        long readBacks = manager.readBackCount();

        SandboxServices.exitMainProcess(sandbox, service, 3);

        ServiceFailure failure = observer.awaitFailures(service, 1, TIMEOUT);
        assertThat(failure.exitStatus()).hasValue(3);
        assertThat(manager.readBackCount()).isEqualTo(readBacks);
    }

    @Test
    void aServiceSystemdRestartsOnlyForAForcedExitStatusIsStillConfirmedAndNotReported() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(sessionBus(), observer);
        String service = name("force-exit");
        SandboxServices.define(sandbox, service, "Restart=no\nRestartForceExitStatus=2\nRestartSec=0\n");
        sandbox.systemctl("start", service).orThrow();
        awaitPolicyKnown(manager, service);

        SandboxServices.exitMainProcess(sandbox, service, 2);

        Await.until(() -> sandbox.property(service, "NRestarts"), "1"::equals, TIMEOUT, "one automatic restart");
        Await.until(() -> sandbox.property(service, "ActiveState"), "active"::equals, TIMEOUT, "active again");
        barrier(observer);
        assertThat(observer.failuresOf(service)).isEmpty();
    }

    @Test
    void aServiceRestartedBySystemdAfterOneFailureIsNeverReported() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        watch(sessionBus(), observer);
        String service = name("auto-restart");
        SandboxServices.define(sandbox, service, "Restart=on-failure\nRestartSec=0\n");
        sandbox.systemctl("start", service).orThrow();

        SandboxServices.exitMainProcess(sandbox, service, 2);

        Await.until(() -> sandbox.property(service, "NRestarts"), "1"::equals, TIMEOUT, "one automatic restart");
        Await.until(() -> sandbox.property(service, "ActiveState"), "active"::equals, TIMEOUT, "active again");
        barrier(observer);
        assertThat(observer.failuresOf(service)).isEmpty();
    }

    @Test
    void aResyncAfterDaemonReloadDoesNotReportAFailureAgain() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(sessionBus(), observer);
        String service = running("reload");
        SandboxServices.exitMainProcess(sandbox, service, 7);
        ServiceFailure first = observer.awaitFailures(service, 1, TIMEOUT);
        long resyncs = manager.resyncCount();

        sandbox.daemonReload();

        Await.until(manager::resyncCount, n -> n > resyncs, TIMEOUT, "a resync after Reloading(false)");
        barrier(observer);
        assertThat(observer.failuresOf(service)).containsExactly(first);
    }

    @Test
    void survivesDaemonReexecOnTheBus() {
        survivesDaemonReexec(sessionBus());
    }

    @Test
    void survivesDaemonReexecOnThePrivateSocket() {
        SystemdServiceManager manager = survivesDaemonReexec(privateSocket());
        // Peer-to-peer, re-exec closes the socket: the adapter had to reconnect.
        assertThat(manager.connectionCount()).isGreaterThanOrEqualTo(2);
    }

    private SystemdServiceManager survivesDaemonReexec(BusAddress bus) {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(bus, observer);
        String failedBefore = running("before-reexec");
        SandboxServices.exitMainProcess(sandbox, failedBefore, 3);
        observer.awaitFailures(failedBefore, 1, TIMEOUT);
        String service = running("after-reexec");
        long resyncs = manager.resyncCount();

        sandbox.systemctl("daemon-reexec").orThrow();

        Await.until(manager::resyncCount, n -> n > resyncs, TIMEOUT, "a resync after daemon-reexec");
        SandboxServices.exitMainProcess(sandbox, service, 4);
        assertThat(observer.awaitFailures(service, 1, TIMEOUT).exitStatus()).hasValue(4);
        Await.done(manager.restart(service), TIMEOUT, "restart after re-exec");
        assertThat(observer.failuresOf(failedBefore)).hasSize(1);
        return manager;
    }

    @Test
    void recoversWhenDbusDaemonIsKilledBecauseSystemdReconnectsToTheReactivatedBus() throws Exception {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(sessionBus(), observer);
        long connections = manager.connectionCount();
        long dbusPid = sandbox.dbusDaemonPid();
        assertThat(dbusPid).isPositive();

        ProcessHandle daemon = ProcessHandle.of(dbusPid).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get();

        // The adapter's reconnect hits dbus.socket, which activates a new dbus-daemon; systemd then
        // reconnects to it and takes org.freedesktop.systemd1 again, and the adapter subscribes.
        Await.until(manager::connectionCount, n -> n > connections, TIMEOUT, "the adapter reconnected");
        assertThat(sandbox.dbusDaemonPid()).isPositive().isNotEqualTo(dbusPid);
        String service = running("after-dbus-kill");
        SandboxServices.exitMainProcess(sandbox, service, 5);
        assertThat(observer.awaitFailures(service, 1, TIMEOUT).exitStatus()).hasValue(5);
    }

    @Test
    void aFailureDuringALostBusIsReportedOnceAfterReconnecting() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(sessionBus(), observer);
        String service = running("gap");
        long connections = manager.connectionCount();

        // No bus at all: the adapter cannot reconnect until dbus.socket listens again.
        sandbox.systemctl("stop", "dbus.socket", "dbus.service").orThrow();
        Await.until(manager::isConnected, connected -> !connected, TIMEOUT, "the adapter noticed the lost bus");
        SandboxServices.exitMainProcess(sandbox, service, 6);
        Await.until(() -> sandbox.property(service, "ActiveState"), "failed"::equals, TIMEOUT, "failed in the gap");
        assertThat(observer.failuresOf(service)).isEmpty();
        // Which reason it gives races with the adapter noticing the loss (a dead link, no link yet,
        // systemd refusing on a closing connection): only that it fails, and for what, is stable.
        assertThat(Await.failure(manager.restart(service), TIMEOUT, "restart without a bus"))
                .hasMessageContaining("restart of " + service);
        sandbox.systemctl("start", "dbus.socket").orThrow();

        ServiceFailure failure = observer.awaitFailures(service, 1, TIMEOUT);
        assertThat(failure.exitStatus()).hasValue(6);
        assertThat(manager.connectionCount()).isGreaterThan(connections);
        long resyncs = manager.resyncCount();
        sandbox.daemonReload();
        Await.until(manager::resyncCount, n -> n > resyncs, TIMEOUT, "another resync");
        barrier(observer);
        assertThat(observer.failuresOf(service)).containsExactly(failure);
    }

    @Test
    void disableForBootStopsAndRuntimeMasksTheService() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(privateSocket(), observer);
        String service = name("disable");
        SandboxServices.defineVendor(sandbox, service);
        sandbox.systemctl("start", service).orThrow();

        Await.done(manager.disableForBoot(service), TIMEOUT, "disable-for-boot");

        ServiceStatus status = Await.done(manager.status(service), TIMEOUT, "status");
        assertThat(status.isUp()).isFalse();
        assertThat(sandbox.property(service, "LoadState")).isEqualTo("masked");
        assertThat(Files.isSymbolicLink(
                        sandbox.runtimeDir().resolve("systemd").resolve("user").resolve(service)))
                .as("runtime mask under $XDG_RUNTIME_DIR, cleared by a reboot")
                .isTrue();
        Throwable refused = Await.failure(manager.start(service), TIMEOUT, "start of a masked service");
        assertThat(refused).hasMessageContaining("masked");
        assertThat(observer.failuresOf(service)).isEmpty();
    }

    @Test
    void disableForBootSaysWhyWhenAHigherPriorityUnitFileDefeatsTheRuntimeMask() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(sessionBus(), observer);
        String service = running("disable-etc");

        Throwable error = Await.failure(manager.disableForBoot(service), TIMEOUT, "disable-for-boot");

        assertThat(error).hasMessageContaining("runtime mask did not take effect");
        assertThat(sandbox.property(service, "ActiveState")).isEqualTo("inactive");
    }

    @Test
    void controlCallsOnAMissingUnitCompleteExceptionallyWithSystemdsReason() {
        RecordingServiceObserver observer = new RecordingServiceObserver();
        SystemdServiceManager manager = watch(sessionBus(), observer);

        Throwable error = Await.failure(manager.restart("it-does-not-exist.service"), TIMEOUT, "restart");

        assertThat(error).hasMessageContaining("it-does-not-exist.service").hasMessageContaining("not found");
    }
}
