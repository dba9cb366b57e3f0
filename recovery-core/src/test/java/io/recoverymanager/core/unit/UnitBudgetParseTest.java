package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A unit's {@code [budget]} table overrides the instance's destructive-action budgets (issue 14.5). */
class UnitBudgetParseTest {
    private static final String HEAD =
            """
            service = "boot.service"
            relax-time = "60s"
            [[action]]
            type = "restart-platform"
            """;

    private static ParseResult parse(String content) {
        return new UnitParser().parse("u.toml", content);
    }

    private static List<String> errors(String content) {
        ParseResult r = parse(content);
        assertThat(r).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) r)
                .errors().stream().map(UnitError::toString).toList();
    }

    @Test
    void aBudgetTableOverridesPerActionTypeAndACountAloneKeepsTheDefaultWindow() {
        ParseResult r =
                parse(HEAD + "[budget]\nrestart-platform = 1\nrestart-platform-window = \"1d\"\nfactory-reset = 0\n");
        RecoveryUnit unit = ((ParseResult.Valid) r).unit();
        assertThat(unit.budgets().limitFor(ActionType.RESTART_PLATFORM))
                .contains(new ActionBudget(1, Duration.ofDays(1)));
        assertThat(unit.budgets().limitFor(ActionType.FACTORY_RESET)).contains(new ActionBudget(0, Duration.ofDays(1)));
    }

    @Test
    void withoutATableTheUnitHasNoOverridesAndItsHashIsAsBefore() {
        RecoveryUnit plain = ((ParseResult.Valid) parse(HEAD)).unit();
        RecoveryUnit budgeted = ((ParseResult.Valid) parse(HEAD + "[budget]\nrestart-platform = 1\n")).unit();
        assertThat(plain.budgets().isEmpty()).isTrue();
        assertThat(plain.canonicalForm()).doesNotContain("budget");
        assertThat(budgeted.hash()).isNotEqualTo(plain.hash());
    }

    @Test
    void badBudgetsAreErrorsWithTheirLines() {
        assertThat(
                        errors(
                                HEAD
                                        + """
                                [budget]
                                restart-platform = -1
                                factory-reset-window = "2h"
                                restart-context = 2
                                """))
                .containsExactly(
                        "u.toml:6: budget.restart-platform: must be between 0 and 1000, was -1",
                        "u.toml:7: budget.factory-reset-window: needs budget.factory-reset (the count the window"
                                + " allows)",
                        "u.toml:8: budget.restart-context: unknown key; did you mean \"restart-platform\"?");
    }
}
