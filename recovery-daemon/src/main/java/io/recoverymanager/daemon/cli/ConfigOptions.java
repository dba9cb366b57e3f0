package io.recoverymanager.daemon.cli;

import io.recoverymanager.daemon.config.ConfigOverrides;
import io.recoverymanager.dispatch.RunMode;
import io.recoverymanager.systemd.BusAddress;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --config FILE} and every override of the file's values (the options of {@code run}).
 * Relative paths on the command line are taken relative to the working directory.
 *
 * <p>Thread-safety: filled in by picocli on one thread, then read-only.
 */
public final class ConfigOptions extends ConfigFileOptions {
    @Option(
            names = "--bus",
            paramLabel = "BUS",
            converter = BusConverter.class,
            description = "D-Bus to reach systemd on: system, user, private or an address.")
    BusAddress bus;

    @Option(names = "--units-dir", paramLabel = "DIR", description = "Directory of *.toml recovery units.")
    Path unitsDir;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Directory of the state database.")
    Path stateDir;

    @Option(names = "--runtime-dir", paramLabel = "DIR", description = "Directory of the control socket.")
    Path runtimeDir;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            converter = ModeConverter.class,
            description = "Run mode: auto, master or slave (aliases primary, replica, client).")
    RunMode mode;

    /** The overrides given. */
    @Override
    public ConfigOverrides overrides() {
        return new ConfigOverrides(
                Optional.ofNullable(mode),
                Optional.ofNullable(bus),
                absolute(unitsDir),
                absolute(stateDir),
                absolute(runtimeDir));
    }

    /** Converts {@code --bus}. */
    static final class BusConverter implements ITypeConverter<BusAddress> {
        @Override
        public BusAddress convert(String value) {
            return BusAddress.tryParse(value)
                    .orElseThrow(
                            () -> new TypeConversionException("'" + value + "' is not " + BusAddress.acceptedForms()));
        }
    }

    /** Converts {@code --mode}. */
    static final class ModeConverter implements ITypeConverter<RunMode> {
        @Override
        public RunMode convert(String value) {
            return RunMode.byName(value)
                    .orElseThrow(() ->
                            new TypeConversionException("'" + value + "' is not one of " + RunMode.acceptedNames()));
        }
    }
}
