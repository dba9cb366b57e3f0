package io.recoverymanager.core.unit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration notation of recovery units, the daemon configuration and the command line: a whole
 * number followed by a unit ({@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h}, {@code 2d}), or,
 * as systemd writes time spans, several of them ({@code 1h 30min}, {@code 2d12h}) with systemd's
 * unit names ({@code ms msec}, {@code s sec second seconds}, {@code m min minute minutes}, {@code h
 * hr hour hours}, {@code d day days}, {@code w week weeks}); or a plain integer number of seconds
 * where the file format has integers (TOML {@code relax-time = 60}).
 *
 * <p>Every form means what it means to systemd; what could be read two ways is refused: no
 * fractions ({@code 1.5h}), no months or years (their length varies; systemd's {@code M} is a
 * month, ours would be read as minutes), no microseconds, no negative values, no leading or
 * trailing spaces. {@link #format(Duration)} produces the shortest single-unit text that {@link
 * #parse(String)} reads back as the same duration.
 *
 * <p>Thread-safety: stateless.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("([0-9]+) *([a-z]+)");
    private static final Pattern NOTATION = Pattern.compile("[0-9]+ *[a-z]+( *[0-9]+ *[a-z]+)*");
    private static final Pattern NUMBER_PREFIX = Pattern.compile("[+-]?[0-9]*\\.?[0-9]*(.*)");
    private static final String HELP =
            "write a whole number followed by ms, s, min, h, d or w, such as \"90s\"," + " \"5min\" or \"1h 30min\"";

    private Durations() {}

    /**
     * Parses a duration string such as {@code "90s"} or {@code "1h 30min"}.
     *
     * @throws IllegalArgumentException with a reason an operator understands, naming the offending
     *     text, when the text is not in the notation or the value does not fit a {@link Duration}
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration; " + HELP);
        }
        if (!NOTATION.matcher(text).matches()) {
            throw new IllegalArgumentException(describeMismatch(text));
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
            }
            try {
                Duration part =
                        switch (m.group(2)) {
                            case "ms", "msec" -> Duration.ofMillis(amount);
                            case "s", "sec", "second", "seconds" -> Duration.ofSeconds(amount);
                            case "m", "min", "minute", "minutes" -> Duration.ofMinutes(amount);
                            case "h", "hr", "hour", "hours" -> Duration.ofHours(amount);
                            case "d", "day", "days" -> Duration.ofDays(amount);
                            case "w", "week", "weeks" -> Duration.ofDays(Math.multiplyExact(amount, 7L));
                            default -> throw new IllegalArgumentException(
                                    "duration \"" + text + "\" has unknown unit \"" + m.group(2) + "\"; " + HELP);
                        };
                total = total.plus(part);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
            }
        }
        return total;
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
        if (!text.strip().equals(text)) {
            return "duration " + quoted + " contains spaces at its start or end; " + HELP;
        }
        if (text.startsWith("-")) {
            return "duration " + quoted + " is negative";
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return "duration " + quoted + " has no unit; write \"" + text + "s\" or the integer " + text
                    + " (without quotes) for seconds";
        }
        if (text.indexOf('.') >= 0 && text.matches("[0-9 a-z.]+")) {
            return "duration " + quoted + " has a fraction; use a whole number of a smaller unit, such as"
                    + " \"90min\" instead of \"1.5h\"";
        }
        Matcher m = NUMBER_PREFIX.matcher(text);
        if (m.matches() && !m.group(1).isEmpty() && Character.isDigit(text.charAt(0))) {
            return "duration " + quoted + " has unknown unit \"" + m.group(1).strip() + "\"; " + HELP;
        }
        return "cannot read " + quoted + " as a duration; " + HELP;
    }
}
