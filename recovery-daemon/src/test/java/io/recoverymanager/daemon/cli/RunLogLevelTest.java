package io.recoverymanager.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.config.LogLevelSetting;
import io.recoverymanager.daemon.config.LogTarget;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --log-level} overrides the file's {@code [logging] level} and nothing else. */
class RunLogLevelTest {
    @TempDir
    Path tmp;

    private final AtomicReference<DaemonConfig> launched = new AtomicReference<>();

    private CliRunner.Result run(String... args) {
        CliEnvironment env = CliEnvironment.system()
                .withConfigLoader(new ConfigLoader(tmp.resolve("absent.toml")))
                .withLauncher(new DaemonLauncher() {
                    @Override
                    public int run(DaemonConfig config, PrintWriter out, PrintWriter err) {
                        launched.set(config);
                        return 0;
                    }

                    @Override
                    public int demo(DaemonConfig config, boolean simulatedOnly, PrintWriter out, PrintWriter err) {
                        return 0;
                    }
                });
        return CliRunner.run(env, args);
    }

    @Test
    void theOptionOverridesTheFilesLevel() throws Exception {
        Path config = Files.writeString(tmp.resolve("rm.toml"), "[logging]\ntarget = \"dlt\"\nlevel = \"warn\"\n");
        assertThat(run("run", "--config", config.toString()).exitCode()).isZero();
        assertThat(launched.get().logging().level()).isEqualTo(LogLevelSetting.WARN);

        assertThat(run("run", "--config", config.toString(), "--log-level", "debug")
                        .exitCode())
                .isZero();
        assertThat(launched.get().logging().level()).isEqualTo(LogLevelSetting.DEBUG);
        assertThat(launched.get().logging().target()).isEqualTo(LogTarget.DLT);
    }

    @Test
    void anUnknownLevelIsAUsageError() {
        CliRunner.Result r = run("run", "--log-level", "chatty");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'chatty' is not one of \"error\", \"warn\", \"info\", \"debug\"");
        assertThat(launched.get()).isNull();
    }
}
