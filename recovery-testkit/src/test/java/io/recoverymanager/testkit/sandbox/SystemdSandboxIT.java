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
            descendants = ProcessHandle.of(pid).orElseThrow().descendants().toList();
            assertThat(descendants).isNotEmpty();
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

    private static void awaitProperty(SystemdSandbox sandbox, String unit, String property, String expected) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String value = "";
        while (System.nanoTime() < deadline) {
            value = sandbox.property(unit, property);
            if (value.equals(expected)) {
                return;
            }
            Thread.onSpinWait();
        }
        assertThat(value).as("%s of %s", property, unit).isEqualTo(expected);
    }
}
