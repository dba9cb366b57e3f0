package io.recoverymanager.daemon.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the daemon's log goes ({@code [logging] target}).
 *
 * <p>Thread-safety: immutable.
 */
public enum LogTarget {
    /** The journal when {@code JOURNAL_STREAM} is set (systemd connected stderr to it), else stderr. */
    AUTO,
    /** Lines on stderr with syslog priorities ({@code <3>}...), as the journal reads them. */
    JOURNAL,
    /** COVESA DLT through libdlt; falls back to {@link #AUTO} when libdlt or dlt-daemon is missing. */
    DLT,
    /** Lines on stderr with timestamps and level names, for humans. */
    STDERR;

    /** The name in the configuration file. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration name. */
    public static Optional<LogTarget> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(text)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(values()).map(t -> "\"" + t.configName() + "\"").collect(Collectors.joining(", "));
    }
}
