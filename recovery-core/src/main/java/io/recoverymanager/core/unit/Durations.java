package io.recoverymanager.core.unit;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code "500ms"}, {@code "90s"}, {@code "5m"}, {@code "1h"},
 * {@code "30d"}, or a plain integer number of seconds.
 *
 * <p>Thread-safety: stateless.
 */
public final class Durations {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    /** What {@link #problem} says when a text is not a duration. */
    public static final String EXPECTED =
            "expected a duration such as \"500ms\", \"90s\", \"5m\", \"1h\" or \"30d\", or an integer number of seconds";

    private Durations() {}

    /** Parses a duration text; throws {@link IllegalArgumentException} naming the text. */
    public static Duration parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": " + EXPECTED);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalStateException("unreachable");
        };
    }

    /** Parses a duration, or returns empty when the text is not one. */
    public static Optional<Duration> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The shortest text form that {@link #parse} reads back to the same duration. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
