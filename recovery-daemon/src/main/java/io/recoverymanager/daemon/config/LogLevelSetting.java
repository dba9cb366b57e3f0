package io.recoverymanager.daemon.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * The lowest level the daemon logs ({@code [logging] level}, {@code run --log-level}).
 *
 * <p>Thread-safety: immutable.
 */
public enum LogLevelSetting {
    ERROR(Level.SEVERE),
    WARN(Level.WARNING),
    INFO(Level.INFO),
    DEBUG(Level.FINE);

    private final Level julLevel;

    LogLevelSetting(Level julLevel) {
        this.julLevel = julLevel;
    }

    /** The java.util.logging level (slf4j's debug maps to FINE). */
    public Level julLevel() {
        return julLevel;
    }

    /** The name in the configuration file and on the command line. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration name. */
    public static Optional<LogLevelSetting> parse(String text) {
        return Arrays.stream(values()).filter(l -> l.configName().equals(text)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(values()).map(l -> "\"" + l.configName() + "\"").collect(Collectors.joining(", "));
    }
}
