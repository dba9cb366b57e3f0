package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The unit hash follows the meaning of a unit, not its spelling. */
class UnitHashTest {
    private static final String BASE =
            """
            service = "echo.service"
            relax-time = "60s"
            public-data = "/var/lib/echo/public"

            [[action]]
            type = "restart-service"
            retry = 3

            [[action]]
            type = "reset-public-data"

            [[friend]]
            type = "service"
            name = "db.service"
            action = "restart"
            delay = "5s"
            """;

    private final UnitParser parser = new UnitParser();

    private RecoveryUnit parse(String content) {
        ParseResult result = parser.parse("echo.toml", content);
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).unit();
    }

    private String hash(String content) {
        return parse(content).hash();
    }

    @Test
    void isLowerCaseSha256Hex() {
        assertThat(hash(BASE)).matches("[0-9a-f]{64}");
    }

    @Test
    void isStableAcrossParses() {
        assertThat(hash(BASE)).isEqualTo(hash(BASE));
    }

    @Test
    void ignoresCommentsWhitespaceAndBlankLines() {
        String reformatted =
                """
                # the echo unit
                service="echo.service"   # the service
                  relax-time    =   "60s"
                public-data = "/var/lib/echo/public"
                [[action]]
                    type = "restart-service" # first rung
                    retry = 3
                # second rung
                [[action]]
                    type = "reset-public-data"
                [[friend]]
                type = "service"
                name = "db.service"
                action = "restart"
                delay = "5s"


                """;
        assertThat(hash(reformatted)).isEqualTo(hash(BASE));
    }

    @Test
    void ignoresKeyOrderAndQuotingStyle() {
        String reordered =
                """
                [[action]]
                retry = 3
                type = 'restart-service'

                [[action]]
                type = 'reset-public-data'

                [[friend]]
                delay = "5s"
                action = "restart"
                name = "db.service"
                type = "service"
                """;
        String withTopLevelLast =
                """
                "public-data" = "/var/lib/echo/public"
                relax-time = "60s"
                service = "echo.service"
                """
                        + reordered;
        assertThat(hash(withTopLevelLast)).isEqualTo(hash(BASE));
    }

    @Test
    void ignoresAliasesExplicitDefaultsAndDurationSpelling() {
        String spelledDifferently =
                """
                service = "echo.service"
                relax-time = 60
                check-start = false
                public-data = "/var/lib/echo/public"
                action = [
                  { type = "resetService", retry = 3, reset = false },
                  { type = "resetPublicData", retry = 1 },
                ]
                [[friend]]
                type = "service"
                name = "db.service"
                action = "restart"
                delay = 5
                """;
        assertThat(hash(spelledDifferently)).isEqualTo(hash(BASE));
        assertThat(parse(spelledDifferently).canonicalForm())
                .isEqualTo(parse(BASE).canonicalForm());
    }

    @Test
    void ignoresTheSourceName() {
        ParseResult other = parser.parse("renamed.toml", BASE);
        assertThat(((ParseResult.Valid) other).unit().hash()).isEqualTo(hash(BASE));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "retry = 3|retry = 4",
                "relax-time = \"60s\"|relax-time = \"61s\"",
                "service = \"echo.service\"|service = \"echo2.service\"",
                "/var/lib/echo/public\"|/var/lib/echo/pub\"",
                "type = \"reset-public-data\"|type = \"reset-public-data\"\nreset = true",
                "delay = \"5s\"|delay = \"6s\"",
                "name = \"db.service\"|name = \"db2.service\"",
                "action = \"restart\"|action = \"stop\"",
                "relax-time = \"60s\"|relax-time = \"60s\"\ncheck-start = true",
                "delay = \"5s\"|delay = \"5s\"\ncontext = \"container2\"",
            })
    void changesWithEverySemanticChange(String edit) {
        String[] fromTo = edit.split("\\|");
        String changed = BASE.replace(fromTo[0], fromTo[1]);
        assertThat(changed).isNotEqualTo(BASE);
        assertThat(hash(changed)).isNotEqualTo(hash(BASE));
    }

    @Test
    void changesWithActionOrder() {
        String swapped =
                """
                service = "echo.service"
                relax-time = "60s"
                public-data = "/var/lib/echo/public"
                [[action]]
                type = "reset-public-data"
                [[action]]
                type = "restart-service"
                retry = 3
                [[friend]]
                type = "service"
                name = "db.service"
                action = "restart"
                delay = "5s"
                """;
        assertThat(hash(swapped)).isNotEqualTo(hash(BASE));
    }
}
