package io.recoverymanager.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdSandboxIT {

    @Test
    void startsAPrivateUserManagerThatRunsUnitsAndCleansUpAfterItself() {
        Path root;
        long pid;
        List<ProcessHandle> descendants;
        try (SystemdSandbox sandbox = SystemdSandbox.start()) {
            root = sandbox.runtimeDir().getParent();
            pid = sandbox.pid();
            assertThat(sandbox.busAddress()).startsWith("unix:path=").endsWith("/bus");
            assertThat(sandbox.privateSocket()).exists();
            assertThat(sandbox.dbusDaemonPid()).isPositive();

            sandbox.writeUnit("sandbox-probe.service", "[Service]\nExecStart=/bin/sh -c 'exit 3'\n");
            sandbox.daemonReload();
            sandbox.systemctl("start", "sandbox-probe.service");
            awaitProperty(sandbox, "sandbox-probe.service", "ActiveState", "failed");
            assertThat(sandbox.property("sandbox-probe.service", "Result")).isEqualTo("exit-code");
            assertThat(sandbox.property("sandbox-probe.service", "ExecMainStatus"))
                    .isEqualTo("3");
            descendants = awaitDescendants(pid);
        }
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(descendants).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.exists(root)).isFalse();
    }

    @Test
    void ownUtsNamespaceCarriesTheGivenHostname() throws Exception {
        try (SystemdSandbox sandbox =
                SystemdSandbox.builder().hostname("sandbox-ctr-1").start()) {
            Process nsenter = new ProcessBuilder(
                            "nsenter", "--target", Long.toString(sandbox.pid()), "--uts", "hostname")
                    .redirectErrorStream(true)
                    .start();
            String name = new String(nsenter.getInputStream().readAllBytes()).strip();
            assertThat(nsenter.waitFor()).isZero();
            assertThat(name).isEqualTo("sandbox-ctr-1");
            assertThat(sandbox.hostname()).contains("sandbox-ctr-1");
        }
    }

    /**
     * Two sandboxes side by side (master and container in one test, or tests of parallel builds)
     * must not share control groups: stopping a unit in one must not kill the same-named unit's
     * processes, or the bus, of the other. Each manager runs in a control group of its own.
     */
    @Test
    void stoppingAUnitInOneSandboxLeavesTheSameNamedUnitOfAnotherRunning() {
        try (SystemdSandbox first = SystemdSandbox.start();
                SystemdSandbox second = SystemdSandbox.start()) {
            for (SystemdSandbox sandbox : List.of(first, second)) {
                sandbox.writeUnit("twin.service", "[Service]\nExecStart=/bin/sleep 600\n");
                sandbox.daemonReload();
                sandbox.systemctl("start", "twin.service").orThrow();
                awaitProperty(sandbox, "twin.service", "ActiveState", "active");
            }
            long secondTwin = Long.parseLong(second.property("twin.service", "MainPID"));
            long secondBus = second.dbusDaemonPid();
            assertThat(cgroupOf(secondTwin))
                    .isNotEqualTo(cgroupOf(Long.parseLong(first.property("twin.service", "MainPID"))));

            first.systemctl("stop", "twin.service").orThrow();
            first.systemctl("stop", "dbus.socket", "dbus.service");

            assertThat(ProcessHandle.of(secondTwin).map(ProcessHandle::isAlive))
                    .as("the second sandbox's twin.service process")
                    .contains(true);
            assertThat(ProcessHandle.of(secondBus).map(ProcessHandle::isAlive))
                    .as("the second sandbox's dbus-daemon")
                    .contains(true);
            assertThat(second.property("twin.service", "ActiveState")).isEqualTo("active");
        }
    }

    /** The unified-hierarchy control group of a process, as {@code /proc/PID/cgroup} says. */
    private static String cgroupOf(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")).stream()
                    .filter(line -> line.startsWith("0::"))
                    .map(line -> line.substring(3))
                    .findFirst()
                    .orElse("?");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Generous: CI machines are loaded. */
    private static final long WAIT_NANOS = 90_000_000_000L;

    private static void awaitProperty(SystemdSandbox sandbox, String unit, String property, String expected) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        String value = "";
        while (System.nanoTime() < deadline) {
            value = sandbox.property(unit, property);
            if (value.equals(expected)) {
                return;
            }
            pause();
        }
        assertThat(value).as("%s of %s", property, unit).isEqualTo(expected);
    }

    /**
     * The manager's descendants (at least its dbus-daemon), read until there are some: one read on a
     * loaded CI machine once found none.
     */
    private static List<ProcessHandle> awaitDescendants(long pid) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        List<ProcessHandle> descendants = List.of();
        while (System.nanoTime() < deadline) {
            descendants = ProcessHandle.of(pid).orElseThrow().descendants().toList();
            if (!descendants.isEmpty()) {
                return descendants;
            }
            pause();
        }
        assertThat(descendants).as("descendants of the manager %d", pid).isNotEmpty();
        return descendants;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
