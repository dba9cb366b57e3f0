package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every number in a unit has an upper bound, so no later arithmetic on it can overflow. */
class UnitBoundsTest {
    private static final String SOURCE = "echo.toml";
    private final UnitParser parser = new UnitParser();

    private UnitError onlyError(String content) {
        ParseResult result = parser.parse(SOURCE, content);
        assertThat(result).as("parse result of%n%s", content).isInstanceOf(ParseResult.Invalid.class);
        List<UnitError> errors = ((ParseResult.Invalid) result).errors();
        assertThat(errors).as("errors of%n%s", content).hasSize(1);
        return errors.get(0);
    }

    private RecoveryUnit valid(String content) {
        ParseResult result = parser.parse(SOURCE, content);
        assertThat(result).as("parse result of%n%s", content).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).unit();
    }

    private static String unitWithRelaxTime(String relaxTime) {
        return """
                service = "echo.service"
                relax-time = %s
                [[action]]
                type = "restart-service"
                """
                .formatted(relaxTime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807", "2592001", "\"31d\"", "\"721h\"", "\"2592000001ms\""})
    void relaxTimeAboveThirtyDaysIsRejectedAtItsLine(String relaxTime) {
        UnitError error = onlyError(unitWithRelaxTime(relaxTime));
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.key()).isEqualTo("relax-time");
        assertThat(error.reason()).contains("at most 30d");
        assertThat(error.toString()).startsWith("echo.toml:2: relax-time: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2592000", "\"30d\"", "\"720h\""})
    void relaxTimeOfExactlyThirtyDaysIsAccepted(String relaxTime) {
        assertThat(valid(unitWithRelaxTime(relaxTime)).relaxTime()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void relaxTimeTooLargeForADurationIsAnErrorNotAnException() {
        UnitError error = onlyError(unitWithRelaxTime("\"9223372036854775807d\""));
        assertThat(error.key()).isEqualTo("relax-time");
        assertThat(error.line()).isEqualTo(2);
    }

    private static String unitWithFriendDelay(String delay) {
        return """
                service = "echo.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                [[friend]]
                type = "service"
                name = "other.service"
                action = "restart"
                delay = %s
                """
                .formatted(delay);
    }

    @ParameterizedTest
    @ValueSource(strings = {"86401", "\"2d\"", "\"1441m\"", "9223372036854775807"})
    void friendDelayAboveOneDayIsRejectedAtItsLine(String delay) {
        UnitError error = onlyError(unitWithFriendDelay(delay));
        assertThat(error.line()).isEqualTo(9);
        assertThat(error.key()).isEqualTo("friend[0].delay");
        assertThat(error.reason()).contains("at most 1d");
    }

    @Test
    void friendDelayOfExactlyOneDayIsAccepted() {
        assertThat(valid(unitWithFriendDelay("\"24h\"")).friends().get(0).delay())
                .isEqualTo(Duration.ofDays(1));
    }

    private static String unitWithRetry(String retry) {
        return """
                service = "echo.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                retry = %s
                """
                .formatted(retry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10001", "2147483647"})
    void retryAboveTenThousandIsRejectedAtItsLine(String retry) {
        UnitError error = onlyError(unitWithRetry(retry));
        assertThat(error.line()).isEqualTo(5);
        assertThat(error.key()).isEqualTo("action[0].retry");
        assertThat(error.reason()).contains("at most 10000");
    }

    @Test
    void retryOfTenThousandIsAccepted() {
        assertThat(valid(unitWithRetry("10000")).actions().get(0).retry()).isEqualTo(10_000);
    }

    @Test
    void retryBelowOneIsStillRejected() {
        assertThat(onlyError(unitWithRetry("0")).reason()).contains("at least 1");
    }
}
