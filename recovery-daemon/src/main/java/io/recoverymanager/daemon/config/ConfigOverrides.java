package io.recoverymanager.daemon.config;

import io.recoverymanager.dispatch.RunMode;
import io.recoverymanager.systemd.BusAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Values given on the command line ({@code --mode --bus --units-dir --state-dir --runtime-dir});
 * each present one replaces the file's value.
 *
 * <p>Thread-safety: immutable.
 */
public record ConfigOverrides(
        Optional<RunMode> runMode,
        Optional<BusAddress> bus,
        Optional<Path> unitsDir,
        Optional<Path> stateDir,
        Optional<Path> runtimeDir) {
    public ConfigOverrides {
        Objects.requireNonNull(runMode, "runMode");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(unitsDir, "unitsDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
    }

    /** No overrides. */
    public static ConfigOverrides none() {
        return new ConfigOverrides(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
