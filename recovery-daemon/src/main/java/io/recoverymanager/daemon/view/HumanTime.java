package io.recoverymanager.daemon.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Times as {@code systemctl} shows them to people: local time with the zone, {@code Wed 2026-12-02
 * 07:03:12 UTC}, followed by the age, {@code 3min ago} (or {@code 3min left} for a time to come).
 * Spans read as systemd writes them: {@code 1h 30min}, {@code 2d 3h}, {@code 250ms}. JSON output
 * keeps ISO-8601 instants; this is for the text forms only.
 *
 * @param zone the zone of local times
 * @param now the instant ages are measured from
 *     <p>Thread-safety: immutable.
 */
public record HumanTime(ZoneId zone, Instant now) {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

    public HumanTime {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        if (zone.normalized().equals(java.time.ZoneOffset.UTC)) {
            zone = ZoneId.of("UTC"); // "UTC" as systemctl writes it, not "Z"
        }
    }

    /** Times in the clock's zone, ages measured from the clock's present. */
    public static HumanTime of(Clock clock) {
        return new HumanTime(clock.getZone(), clock.instant());
    }

    /** {@code Wed 2026-12-02 07:03:12 UTC}. */
    public String timestamp(Instant instant) {
        return STAMP.format(instant.atZone(zone));
    }

    /** {@code Wed 2026-12-02 07:03:12 UTC; 3min ago}, as {@code systemctl status} shows times. */
    public String timestampAndAge(Instant instant) {
        return timestamp(instant) + "; " + age(instant);
    }

    /** {@code 3min ago}, {@code 1h 5min left}, or {@code now}. */
    public String age(Instant instant) {
        Duration d = Duration.between(instant, now);
        if (d.isNegative()) {
            Duration ahead = d.negated();
            return ahead.toMillis() == 0 ? "now" : span(coarse(ahead)) + " left";
        }
        return d.toMillis() == 0 ? "now" : span(coarse(d)) + " ago";
    }

    /**
     * A span in systemd's words, largest units first, at most two of them for an age: {@code 3min
     * 20s}, {@code 2d 4h}, {@code 250ms}.
     */
    public static String span(Duration duration) {
        if (duration.isNegative()) {
            return "-" + span(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        long[] sizes = {365L * 86_400_000L, 7L * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"y", "w", "d", "h", "min", "s", "ms"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            if (millis >= sizes[i]) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(millis / sizes[i]).append(names[i]);
                millis %= sizes[i];
            }
        }
        return b.toString();
    }

    /** Keeps the two largest units of an age, as systemd does ({@code 1h 5min}, not {@code 1h 5min 3s}). */
    private static Duration coarse(Duration d) {
        long millis = d.toMillis();
        long unit;
        if (millis >= 7L * 86_400_000L) {
            unit = 86_400_000L;
        } else if (millis >= 86_400_000L) {
            unit = 3_600_000L;
        } else if (millis >= 3_600_000L) {
            unit = 60_000L;
        } else if (millis >= 60_000L) {
            unit = 1_000L;
        } else if (millis >= 1_000L) {
            unit = 1_000L;
        } else {
            unit = 1L;
        }
        return Duration.ofMillis(millis / unit * unit);
    }
}
