package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.daemon.config.DaemonConfig;
import java.util.function.Function;

/**
 * Opens the store through the environment's {@link StoreOpener}, runs a read, and closes the store
 * when it is closeable.
 *
 * <p>Thread-safety: stateless.
 */
final class StoreAccess {
    private StoreAccess() {}

    static <T> T read(CliEnvironment env, DaemonConfig config, Function<RecoveryStore, T> reader) {
        RecoveryStore store = env.storeOpener().open(config);
        try {
            return reader.apply(store);
        } finally {
            if (store instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // read-only use: nothing to lose; the result is already computed
                }
            }
        }
    }
}
