package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A context bound to a systemd-machined machine ({@code [[ipc.context]] machine = ...}) is claimed
 * only by a slave whose process machined places in that machine, as the packaged master asks it
 * (the kernel's pid of the peer, then {@code GetMachineByPID}); a slave that says the same name from
 * outside the machine, or from another machine, is refused. machined is a fake on the master's
 * sandbox bus that places a process by its {@code FAKE_MACHINE} variable.
 */
class MachineBindingIT {
    @TempDir
    Path tmp;

    private SystemdSandbox hostSystemd;
    private SystemdSandbox containerSystemd;
    private FakeMachined machined;
    private PackagedDaemon master;
    private PackagedDaemon slave;
    private Path socket;

    @BeforeEach
    void setUp() throws Exception {
        hostSystemd = SystemdSandbox.start();
        containerSystemd = SystemdSandbox.builder().hostname("container1").start();
        machined = FakeMachined.on(hostSystemd.busAddress());
        socket = tmp.resolve("master-run/rmgr.sock");
        master = PackagedDaemon.in(Files.createDirectories(tmp.resolve("master")))
                .sandbox(hostSystemd)
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
                        machine = "container1"
                        """
                                .formatted(socket))
                .start()
                .awaitReady();
    }

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {slave, master, machined, containerSystemd, hostSystemd}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // keep closing the rest
                }
            }
        }
    }

    @Test
    void aSlaveInsideTheBoundMachineClaimsItsContext() throws Exception {
        slave = slave("container1").start();

        master.await(
                () -> master.log().contains("slave container1 connected"), "the slave in machine container1 connected");
        assertThat(machined.asked())
                .as("machined asked about the slave's own pid")
                .contains(slave.pid());
    }

    @Test
    void aSlaveOutsideAnyMachineCannotClaimAContextBoundToOne() throws Exception {
        slave = slave(null).start();

        master.await(
                () -> master.log().contains("context 'container1' belongs to machine container1, not to uid 0"),
                "the master refused the claim of a process of no machine");
        assertThat(master.log()).doesNotContain("slave container1 connected");
        assertThat(machined.asked()).contains(slave.pid());
    }

    @Test
    void aSlaveInAnotherMachineCannotClaimTheContext() throws Exception {
        slave = slave("intruder").start();

        master.await(
                () -> master.log()
                        .contains(
                                "context 'container1' belongs to machine container1, not to uid 0 in machine intruder"),
                "the master refused the claim of a process in machine intruder");
        assertThat(master.log()).doesNotContain("slave container1 connected");
    }

    /** A packaged slave that calls itself container1; {@code machine} places it for the fake machined. */
    private PackagedDaemon slave(String machine) throws IOException {
        PackagedDaemon.Builder b = PackagedDaemon.in(Files.createDirectories(tmp.resolve("slave")))
                .sandbox(containerSystemd)
                .runMode("slave")
                .context(null)
                .hostname("container1")
                .section("[ipc]\nsocket = \"" + socket + "\"\ntimeout = \"5s\"");
        if (machine != null) {
            b.env(FakeMachined.VARIABLE, machine);
        }
        return b.create();
    }
}
