package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.unit.Durations;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts duration options such as {@code --interval 10s} or {@code --interval "1h 30min"}
 * (systemd's time spans, {@link Durations}); a bare integer means seconds.
 *
 * <p>Thread-safety: stateless.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.strip();
        if (v.matches("\\d{1,12}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        return parseDuration(v)
                .orElseThrow(() -> new TypeConversionException(
                        "'" + value + "' is not a duration such as 500ms, 30s, 5min, 1h 30min or 2d"));
    }

    private static Optional<Duration> parseDuration(String text) {
        try {
            return Optional.of(Durations.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
