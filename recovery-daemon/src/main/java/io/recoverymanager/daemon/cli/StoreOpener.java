package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.daemon.config.DaemonConfig;

/**
 * Opens the recovery store for the read-only commands ({@code status}, {@code history}). The
 * daemon wiring binds it to the SQLite store opened read-only, so these commands work whether the
 * daemon runs or not. A store that is {@link AutoCloseable} is closed after use.
 *
 * <p>Thread-safety: implementations must be safe to call from any thread.
 */
@FunctionalInterface
public interface StoreOpener {
    /**
     * Opens the store described by the configuration.
     *
     * @throws CliException with {@link ExitCodes#UNAVAILABLE} when there is no database to read
     */
    RecoveryStore open(DaemonConfig config);

    /** The placeholder until the SQLite store is wired in. */
    static StoreOpener notWired() {
        return config -> {
            throw new CliException(ExitCodes.SOFTWARE, "reading the state database is not wired yet");
        };
    }
}
