package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "0ms,0", "90s,90000", "5m,300000", "1h,3600000", "1d,86400000", "0s,0", "007s,7000"})
    void parsesEachUnit(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1h 30min|5400000",
                "1h30m|5400000",
                "2d|172800000",
                "2 days|172800000",
                "1w 2d|777600000",
                "5 s|5000",
                "90sec|90000",
                "3 minutes|180000",
                "1hr 1min 1s 1msec|3661001",
                "250ms|250"
            })
    void readsSystemdTimeSpans(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|empty duration; write a whole number followed by ms, s, min, h, d or w",
                "90|duration \"90\" has no unit; write \"90s\" or the integer 90 (without quotes) for seconds",
                "1.5h|duration \"1.5h\" has a fraction",
                "1.5h 3min|duration \"1.5h 3min\" has a fraction",
                "60sek|duration \"60sek\" has unknown unit \"sek\"",
                "2M|duration \"2M\" has unknown unit \"M\"",
                "1y|duration \"1y\" has unknown unit \"y\"",
                "10us|duration \"10us\" has unknown unit \"us\"",
                "5M|duration \"5M\" has unknown unit \"M\"",
                "-5s|duration \"-5s\" is negative",
                "' 5s'|duration \" 5s\" contains spaces",
                "'5s '|duration \"5s \" contains spaces",
                "s|cannot read \"s\" as a duration",
                "99999999999999999999s|duration \"99999999999999999999s\" is too large",
                "9223372036854775807d|duration \"9223372036854775807d\" is too large"
            })
    void rejectsWithAClearReason(String text, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse(text))
                .withMessageStartingWith(reason);
    }

    @Test
    void rejectsNull() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse(null))
                .withMessageContaining("empty");
    }

    @Test
    void integerSeconds() {
        assertThat(Durations.ofSeconds(90)).isEqualTo(Duration.ofSeconds(90));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.ofSeconds(-1))
                .withMessage("duration -1 is negative");
    }

    @ParameterizedTest
    @CsvSource({
        "0,0s",
        "1,1ms",
        "1500,1500ms",
        "1000,1s",
        "90000,90s",
        "60000,1m",
        "5400000,90m",
        "3600000,1h",
        "90000000,25h",
        "86400000,1d",
        "172800000,2d"
    })
    void formatsInTheLargestExactUnit(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Test
    void formatDropsSubMillisecondPartsAndSignsNegatives() {
        assertThat(Durations.format(Duration.ofNanos(1_500_000))).isEqualTo("1ms");
        assertThat(Durations.format(Duration.ofSeconds(-90))).isEqualTo("-90s");
    }

    @ParameterizedTest
    @CsvSource({"1", "999", "1000", "59999", "60000", "3599000", "86399999", "86400000", "123456789000"})
    void formatRoundTripsThroughParse(long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
