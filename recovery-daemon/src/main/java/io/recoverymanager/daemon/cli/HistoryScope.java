package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.runtime.InstanceBoot;
import java.util.Optional;

/**
 * The boot a history command is narrowed to: {@code --boot} resolved against the store's boots and
 * this boot of the instance ({@link InstanceBoot#current}).
 *
 * <p>Thread-safety: stateless.
 */
final class HistoryScope {
    private HistoryScope() {}

    /** The boot id {@code --boot} names, or empty when the option was not given. */
    static Optional<String> boot(String option, RecoveryStore store, CliEnvironment env, DaemonConfig cfg) {
        if (option == null) {
            return Optional.empty();
        }
        Optional<String> current = InstanceBoot.current(env.kernelBootId().get(), cfg.runtimeDir());
        return Optional.of(BootOption.resolve(option, store.historyBoots(), current));
    }
}
