package io.recoverymanager.core.unit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration notation of recovery units and the daemon configuration: a whole number followed by
 * one unit ({@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h}, {@code 2d}), or a plain integer
 * number of seconds where the file format has integers (TOML {@code relax-time = 60}).
 *
 * <p>The notation is deliberately small: no fractions ({@code 1.5h}), no compounds ({@code 1h30m}),
 * no spaces, no negative values. {@link #format(Duration)} produces the shortest text that {@link
 * #parse(String)} reads back as the same duration.
 *
 * <p>Thread-safety: stateless.
 */
public final class Durations {
    private static final Pattern NOTATION = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    private static final Pattern NUMBER_PREFIX = Pattern.compile("[+-]?[0-9]*\\.?[0-9]*(.*)");
    private static final String HELP = "write a whole number followed by ms, s, m, h or d, such as \"90s\" or \"5m\"";

    private Durations() {}

    /**
     * Parses a duration string such as {@code "90s"}.
     *
     * @throws IllegalArgumentException with a reason an operator understands, naming the offending
     *     text, when the text is not in the notation or the value does not fit a {@link Duration}
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration; " + HELP);
        }
        Matcher m = NOTATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(describeMismatch(text));
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
        }
        try {
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new IllegalStateException("pattern admits unit " + m.group(2));
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
        }
    }

    /**
     * A duration given as an integer number of seconds.
     *
     * @throws IllegalArgumentException when {@code seconds} is negative
     */
    public static Duration ofSeconds(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("duration " + seconds + " is negative");
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * The shortest notation for a duration, using the largest unit that divides it exactly: {@code
     * 5400 s} gives {@code "90m"}, {@code 1500 ms} gives {@code "1500ms"}, zero gives {@code "0s"}.
     * Parts below a millisecond are dropped. A negative duration gets a leading {@code -} (for
     * display only: {@link #parse(String)} rejects negative values).
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis % 86_400_000L == 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0) {
            return millis / 60_000L + "m";
        }
        if (millis % 1_000L == 0) {
            return millis / 1_000L + "s";
        }
        return millis + "ms";
    }

    private static String describeMismatch(String text) {
        String quoted = "\"" + text + "\"";
        if (!text.strip().equals(text) || text.chars().anyMatch(Character::isWhitespace)) {
            return "duration " + quoted + " contains spaces; " + HELP;
        }
        if (text.startsWith("-")) {
            return "duration " + quoted + " is negative";
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return "duration " + quoted + " has no unit; write \"" + text + "s\" or the integer " + text
                    + " (without quotes) for seconds";
        }
        if (text.matches("[0-9]*\\.[0-9]*[a-z]*")) {
            return "duration " + quoted + " has a fraction; use a whole number of a smaller unit, such as"
                    + " \"90m\" instead of \"1.5h\"";
        }
        if (text.matches("([0-9]+[a-z]+){2,}")) {
            return "duration " + quoted + " combines several units; write one number and one unit, such as"
                    + " \"90m\" instead of \"1h30m\"";
        }
        Matcher m = NUMBER_PREFIX.matcher(text);
        if (m.matches() && !m.group(1).isEmpty() && Character.isDigit(text.charAt(0))) {
            return "duration " + quoted + " has unknown unit \"" + m.group(1) + "\"; " + HELP;
        }
        return "cannot read " + quoted + " as a duration; " + HELP;
    }
}
