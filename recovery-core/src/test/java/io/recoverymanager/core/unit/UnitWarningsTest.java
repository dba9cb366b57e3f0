package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitWarningsTest {
    private static RecoveryUnit parse(String content) {
        ParseResult r = new UnitParser().parse("u.toml", content);
        assertThat(r).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) r).unit();
    }

    @Test
    void actionsAfterAResetStepAreReportedWithTheirLines() {
        String content =
                """
                service = "echo.service"
                relax-time = "60s"

                [[action]]
                type = "restart-service"
                retry = 3
                reset = true

                [[action]]
                type = "disable-service"

                [[action]]
                type = "restart-platform"
                """;
        assertThat(UnitWarnings.of("u.toml", content, parse(content)).stream().map(UnitError::toString))
                .containsExactly(
                        "u.toml:6: action[0].retry: only 1 of the 3 tries can run: reset = true returns the"
                                + " rvector to 0 right after the first",
                        "u.toml:9: action[1]: disable-service can never run: action[0] (restart-service) has"
                                + " reset = true, which returns the rvector to 0 before this action is reached",
                        "u.toml:12: action[2]: restart-platform can never run: action[0] (restart-service) has"
                                + " reset = true, which returns the rvector to 0 before this action is reached");
    }

    @Test
    void aResetOnTheLastSingleTryStepOrNoResetWarnsOfNothing() {
        String last =
                """
                service = "echo.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                retry = 2
                [[action]]
                type = "disable-service"
                reset = true
                """;
        assertThat(UnitWarnings.of("u.toml", last, parse(last))).isEmpty();
        String none = last.replace("reset = true\n", "");
        assertThat(UnitWarnings.of("u.toml", none, parse(none))).isEmpty();
    }
}
