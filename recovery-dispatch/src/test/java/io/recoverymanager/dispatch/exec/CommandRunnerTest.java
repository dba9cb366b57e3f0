package io.recoverymanager.dispatch.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void commandsRunWithASmallFixedEnvironmentNotTheDaemons() throws Exception {
        assertThat(System.getenv())
                .as("the test JVM has an environment to leak")
                .containsKey("PATH");
        CommandResult r = new CommandRunner(Duration.ofSeconds(20), 100_000).run(List.of("env"));
        assertThat(r.exitCode()).as(r.describe()).hasValue(0);
        assertThat(r.output().lines().sorted().toList())
                .containsExactly("LANG=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin");
    }

    @Test
    void capturesExitCodeAndOutput() throws Exception {
        CommandResult r = new CommandRunner(Duration.ofSeconds(20), 1000)
                .run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(r.exitCode()).hasValue(3);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.output()).contains("out").contains("err");
        assertThat(r.describe()).contains("exited 3").contains("out");
        assertThat(r.succeeded()).isFalse();
    }

    @Test
    void boundsTheOutputButDrainsTheRest() throws Exception {
        CommandResult r =
                new CommandRunner(Duration.ofSeconds(20), 1000).run(List.of("head", "-c", "300000", "/dev/zero"));
        assertThat(r.exitCode()).hasValue(0);
        assertThat(r.output()).hasSize(1000);
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void killsTheProcessAtTheTimeout() throws Exception {
        Path pidFile = tmp.resolve("pid");
        CommandResult r = new CommandRunner(Duration.ofSeconds(3), 100)
                .run(List.of("sh", "-c", "echo $$ > \"$0\"; exec sleep 60", pidFile.toString()));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEmpty();
        assertThat(r.describe()).contains("timed out");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void aMissingProgramIsReportedNotThrown() throws Exception {
        CommandResult r = new CommandRunner(Duration.ofSeconds(5), 100).run(List.of("/nonexistent/program-xyz"));
        assertThat(r.started()).isFalse();
        assertThat(r.describe()).contains("could not start");
    }
}
