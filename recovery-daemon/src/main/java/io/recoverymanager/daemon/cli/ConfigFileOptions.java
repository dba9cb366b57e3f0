package io.recoverymanager.daemon.cli;

import io.recoverymanager.daemon.config.ConfigException;
import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.daemon.config.ConfigOverrides;
import io.recoverymanager.daemon.config.DaemonConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and the loading of the configuration: each subclass declares the overrides
 * its commands use ({@link ConfigOptions} all of them), so their help lists no option that does not
 * apply.
 *
 * <p>Thread-safety: filled in by picocli on one thread, then read-only.
 */
public abstract class ConfigFileOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (default: /etc/recoverymanager/recoverymanager.toml; when that"
                    + " file does not exist, the built-in defaults apply; an explicit file must exist).")
    Path config;

    /** The overrides given on the command line. */
    public abstract ConfigOverrides overrides();

    /** The explicit configuration file, empty when the default applies. */
    public Optional<Path> explicitConfig() {
        return Optional.ofNullable(config);
    }

    /**
     * Loads the configuration with the overrides applied.
     *
     * @throws CliException with {@link ExitCodes#CONFIG} listing every error
     */
    public DaemonConfig load(ConfigLoader loader) {
        try {
            return loader.load(explicitConfig(), overrides());
        } catch (ConfigException e) {
            throw new CliException(ExitCodes.CONFIG, e.getMessage(), e);
        }
    }

    static Optional<Path> absolute(Path p) {
        return Optional.ofNullable(p).map(x -> x.toAbsolutePath().normalize());
    }

    /**
     * For commands that read the state database: {@code --state-dir} and {@code --runtime-dir}
     * (where a running daemon keeps its run mode and boot id).
     */
    public static final class StateOptions extends ConfigFileOptions {
        @Option(names = "--state-dir", paramLabel = "DIR", description = "Directory of the state database.")
        Path stateDir;

        @Option(
                names = "--runtime-dir",
                paramLabel = "DIR",
                description = "Runtime directory of the daemon (its run mode and boot id).")
        Path runtimeDir;

        @Override
        public ConfigOverrides overrides() {
            return new ConfigOverrides(
                    Optional.empty(), Optional.empty(), Optional.empty(), absolute(stateDir), absolute(runtimeDir));
        }
    }

    /**
     * For {@code status}: the state database, the runtime directory, and {@code --mode} (shown when
     * no daemon runs to tell the mode it decided).
     */
    public static final class StatusOptions extends ConfigFileOptions {
        @Option(names = "--state-dir", paramLabel = "DIR", description = "Directory of the state database.")
        Path stateDir;

        @Option(
                names = "--runtime-dir",
                paramLabel = "DIR",
                description = "Runtime directory of the daemon (the run mode it decided).")
        Path runtimeDir;

        @Option(
                names = "--mode",
                paramLabel = "MODE",
                converter = ConfigOptions.ModeConverter.class,
                description = "Run mode shown when no daemon runs: auto, master or slave.")
        io.recoverymanager.dispatch.RunMode mode;

        @Override
        public ConfigOverrides overrides() {
            return new ConfigOverrides(
                    Optional.ofNullable(mode),
                    Optional.empty(),
                    Optional.empty(),
                    absolute(stateDir),
                    absolute(runtimeDir));
        }
    }

    /**
     * For {@code check}: the units directory, and the state and runtime directories the data-path
     * policy protects; never the bus or the run mode, which a check does not use.
     */
    public static final class UnitsOptions extends ConfigFileOptions {
        @Option(names = "--units-dir", paramLabel = "DIR", description = "Directory of *.toml recovery units.")
        Path unitsDir;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "Directory of the state database.")
        Path stateDir;

        @Option(names = "--runtime-dir", paramLabel = "DIR", description = "Runtime directory of the daemon.")
        Path runtimeDir;

        @Override
        public ConfigOverrides overrides() {
            return new ConfigOverrides(
                    Optional.empty(), Optional.empty(), absolute(unitsDir), absolute(stateDir), absolute(runtimeDir));
        }
    }

    /** For commands that talk to the running daemon: {@code --runtime-dir} (its control socket). */
    public static final class ControlOptions extends ConfigFileOptions {
        @Option(names = "--runtime-dir", paramLabel = "DIR", description = "Directory of the control socket.")
        Path runtimeDir;

        @Override
        public ConfigOverrides overrides() {
            return new ConfigOverrides(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), absolute(runtimeDir));
        }
    }

    /** For commands that take no override: only {@code --config}. */
    public static final class FileOnly extends ConfigFileOptions {
        @Override
        public ConfigOverrides overrides() {
            return ConfigOverrides.none();
        }
    }
}
