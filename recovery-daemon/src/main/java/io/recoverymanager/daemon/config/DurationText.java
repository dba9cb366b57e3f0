package io.recoverymanager.daemon.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations of the configuration file: an integer with a unit ({@code 500ms}, {@code
 * 30s}, {@code 5m}, {@code 1h}, {@code 30d}).
 *
 * <p>TEMPORARY: a private copy until {@code io.recoverymanager.core.unit.Durations} (the unit
 * parser's duration syntax) is on main; then the loader switches to it and this class goes.
 *
 * <p>Thread-safety: stateless.
 */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private DurationText() {}

    /** The duration, or empty when the text is not a duration. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(
                switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
    }
}
