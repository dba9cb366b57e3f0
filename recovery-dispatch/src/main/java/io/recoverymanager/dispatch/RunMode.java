package io.recoverymanager.dispatch;

import java.util.Locale;
import java.util.Optional;

/**
 * How an instance runs: as the master (executes system actions), as a slave (forwards them to the
 * master), or decided at startup ({@link RunModeDetector}). The one run-mode type: the daemon's
 * {@code run-mode} setting and {@code --mode} option parse into it.
 *
 * <p>Thread-safety: immutable.
 */
public enum RunMode {
    AUTO,
    MASTER,
    SLAVE;

    /**
     * Parses {@code auto}, {@code master}, {@code slave} or an alias ({@code primary} = master,
     * {@code replica} and {@code client} = slave), case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static RunMode parse(String value) {
        return byName(value)
                .orElseThrow(() -> new IllegalArgumentException("run-mode '" + value
                        + "' is not one of auto, master, slave (aliases primary, replica, client)"));
    }

    /** {@link #parse}, empty for a value that is not a mode name or alias. */
    public static Optional<RunMode> byName(String value) {
        return Optional.ofNullable(
                switch (value.strip().toLowerCase(Locale.ROOT)) {
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

    /** The lower-case name, as in configuration and status output. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
