package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever text it is given, the parser answers with a result (never an exception), an invalid
 * result has errors, and every error's line lies inside the text.
 */
class UnitParserRobustnessTest {
    private static final String VALID =
            """
            service = "echo.service"
            relax-time = "60s"
            check-start = true
            public-data = "/var/lib/echo/public"
            private-data = "/var/lib/echo/private"
            [[action]]
            type = "restart-service"
            retry = 3
            [[action]]
            type = "reset-public-data"
            reset = true
            action2 = [ { type = "x" }, 'y', \"""multi
            line\""" ]
            [[friend]]
            type = "service"
            name = "db.service"
            context = "c2"
            action = "signal"
            signal = 1
            delay = "5s"
            """;

    private final UnitParser parser = new UnitParser();

    private void assertWellFormed(String content) {
        ParseResult result = parser.parse("fuzz.toml", content);
        assertThat(result.source()).isEqualTo("fuzz.toml");
        if (result instanceof ParseResult.Invalid invalid) {
            long lines = content.lines().count();
            assertThat(invalid.errors()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.line()).as("line of %s", e).isBetween(0, (int) lines + 1);
                assertThat(e.reason()).isNotBlank();
            });
        }
    }

    @Provide
    Arbitrary<String> tomlish() {
        return Arbitraries.of(
                        "[",
                        "]",
                        "[[",
                        "]]",
                        "{",
                        "}",
                        "=",
                        " = ",
                        "\"",
                        "'",
                        "\"\"\"",
                        "\'\'\'",
                        "#",
                        ".",
                        ",",
                        "\n",
                        " ",
                        "\\",
                        "\r\n",
                        "service",
                        "relax-time",
                        "action",
                        "type",
                        "friend",
                        "retry",
                        "signal",
                        "1",
                        "-5",
                        "0x1F",
                        "1.5",
                        "1979-05-27",
                        "\"60s\"",
                        "\"echo.service\"",
                        "true",
                        "@",
                        "/",
                        "\"restart-service\"",
                        "\u00e9",
                        "\uFEFF")
                .list()
                .ofMaxSize(60)
                .map(tokens -> String.join("", tokens));
    }

    @Property(tries = 500)
    void arbitraryTomlishTextNeverThrows(@ForAll("tomlish") String content) {
        assertWellFormed(content);
    }

    @Property(tries = 300)
    void mutatedValidUnitsNeverThrow(
            @ForAll @IntRange(min = 0, max = 40) int position,
            @ForAll @IntRange(min = 0, max = 3) int mutation,
            @ForAll @IntRange(min = 0, max = 40) int other) {
        List<String> lines = new ArrayList<>(VALID.lines().toList());
        int at = position % lines.size();
        int to = other % lines.size();
        switch (mutation) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(to, lines.get(at));
            case 2 -> {
                String swapped = lines.get(at);
                lines.set(at, lines.get(to));
                lines.set(to, swapped);
            }
            default -> lines.set(at, lines.get(at).substring(0, lines.get(at).length() / 2));
        }
        assertWellFormed(String.join("\n", lines));
    }
}
