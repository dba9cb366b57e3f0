package io.recoverymanager.daemon.cli;

import io.recoverymanager.daemon.config.LogLevelSetting;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code recoverymanager run}: the daemon. Loads the configuration (exit 78 when it is bad) and
 * hands over to the {@link DaemonLauncher}.
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the daemon: watch services through systemd and recover them as their units say.")
public final class RunCommand implements Callable<Integer> {
    @ParentCommand
    RecoveryManagerCommand root;

    @Mixin
    ConfigOptions config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            converter = LogLevelConverter.class,
            description = "Lowest level logged: error, warn, info or debug (overrides [logging] level).")
    LogLevelSetting logLevel;

    @Override
    public Integer call() {
        CliEnvironment env = root.environment();
        var cfg = config.load(env.configLoader());
        if (logLevel != null) {
            cfg = cfg.withLogging(cfg.logging().withLevel(logLevel));
        }
        return env.launcher()
                .run(cfg, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Converts {@code --log-level}. */
    static final class LogLevelConverter implements ITypeConverter<LogLevelSetting> {
        @Override
        public LogLevelSetting convert(String value) {
            return LogLevelSetting.parse(value)
                    .orElseThrow(() -> new TypeConversionException(
                            "'" + value + "' is not one of " + LogLevelSetting.acceptedNames()));
        }
    }
}
