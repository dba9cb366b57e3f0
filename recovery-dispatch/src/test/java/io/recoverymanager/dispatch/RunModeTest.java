package io.recoverymanager.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.dispatch.RunModeDetector.Decision;
import io.recoverymanager.dispatch.RunModeDetector.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunModeTest {
    @TempDir
    Path root;

    private final Path socket = Path.of("/run/recoverymanager/rmgr.sock");

    @Test
    void parsesNamesAndAliases() {
        assertThat(RunMode.parse("auto")).isEqualTo(RunMode.AUTO);
        assertThat(RunMode.parse("Primary")).isEqualTo(RunMode.MASTER);
        assertThat(RunMode.parse("master")).isEqualTo(RunMode.MASTER);
        assertThat(RunMode.parse("replica")).isEqualTo(RunMode.SLAVE);
        assertThat(RunMode.parse(" client ")).isEqualTo(RunMode.SLAVE);
        assertThat(RunMode.parse("slave")).isEqualTo(RunMode.SLAVE);
        assertThatThrownBy(() -> RunMode.parse("boss"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'boss'")
                .hasMessageContaining("primary, replica, client");
    }

    private RunModeDetector detector(boolean masterAnswers) {
        return new RunModeDetector(Signals.under(root), p -> masterAnswers);
    }

    @Test
    void noSignalAndNoMasterMeansMaster() {
        Decision d = detector(false).decide(RunMode.AUTO, socket);
        assertThat(d.mode()).isEqualTo(RunMode.MASTER);
        assertThat(d.reason()).contains("not in a container").contains(socket.toString());
    }

    @Test
    void aMasterAnsweringMeansSlave() {
        Decision d = detector(true).decide(RunMode.AUTO, socket);
        assertThat(d).isEqualTo(new Decision(RunMode.SLAVE, "auto: a master answers on " + socket));
    }

    @Test
    void eachContainerSignalMeansSlave() throws Exception {
        Files.createDirectories(root.resolve("proc/1"));
        Files.write(root.resolve("proc/1/environ"), "PATH=/bin\0HOME=/\0".getBytes());
        assertThat(detector(false).decide(RunMode.AUTO, socket).mode()).isEqualTo(RunMode.MASTER);

        Files.write(root.resolve("proc/1/environ"), "PATH=/bin\0container=lxc\0".getBytes());
        assertThat(detector(false).decide(RunMode.AUTO, socket).reason()).contains("container=lxc");
        Files.delete(root.resolve("proc/1/environ"));

        Files.createFile(root.resolve(".dockerenv"));
        assertThat(detector(false).decide(RunMode.AUTO, socket).reason()).contains(".dockerenv exists");
        Files.delete(root.resolve(".dockerenv"));

        Files.createDirectories(root.resolve("run/systemd"));
        Files.createFile(root.resolve("run/.containerenv"));
        assertThat(detector(false).decide(RunMode.AUTO, socket).reason()).contains(".containerenv exists");

        Files.writeString(root.resolve("run/systemd/container"), "systemd-nspawn\n");
        Decision d = detector(false).decide(RunMode.AUTO, socket);
        assertThat(d.mode()).isEqualTo(RunMode.SLAVE);
        assertThat(d.reason()).contains("says systemd-nspawn");
    }

    @Test
    void configuredModesAreTakenAsTheyAre() throws Exception {
        Files.createFile(root.resolve(".dockerenv"));
        assertThat(detector(false).decide(RunMode.MASTER, socket))
                .isEqualTo(new Decision(RunMode.MASTER, "configured as master"));
        assertThat(detector(false).decide(RunMode.SLAVE, socket).mode()).isEqualTo(RunMode.SLAVE);
    }
}
