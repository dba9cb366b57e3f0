package io.recoverymanager.daemon.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The configured run mode: decide at start ({@code auto}), be the master, or be a slave. The
 * original implementation's names are accepted as aliases: {@code primary} for master, {@code
 * replica} and {@code client} for slave.
 *
 * <p>Thread-safety: immutable.
 */
public enum RunModeSetting {
    /** Master when the master socket can be bound, slave when a master already listens. */
    AUTO("auto"),
    /** Runs system-level actions itself and accepts slaves. */
    MASTER("master"),
    /** Forwards system-level actions to the master. */
    SLAVE("slave");

    private final String configName;

    RunModeSetting(String configName) {
        this.configName = configName;
    }

    /** The name written in the configuration file. */
    public String configName() {
        return configName;
    }

    /** Parses a mode name or alias, ignoring case. */
    public static Optional<RunModeSetting> parse(String text) {
        return Optional.ofNullable(
                switch (text.strip().toLowerCase(Locale.ROOT)) {
                    case "auto" -> AUTO;
                    case "master", "primary" -> MASTER;
                    case "slave", "replica", "client" -> SLAVE;
                    default -> null;
                });
    }

    /** The accepted names, for error messages. */
    public static String acceptedNames() {
        return "auto, master, slave (aliases: primary, replica, client)";
    }

    @Override
    public String toString() {
        return configName;
    }
}
