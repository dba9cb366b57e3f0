package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitParserTest {
    private final UnitParser parser = new UnitParser();

    private static final String ECHO =
            """
            service = "echo.service"
            relax-time = "60s"
            public-data = "/var/lib/echo/public"

            [[action]]
            type = "restart-service"
            retry = 3

            [[action]]
            type = "reset-public-data"
            """;

    private RecoveryUnit valid(String text) {
        ParseResult result = parser.parse("echo.toml", text);
        assertThat(result).as("%s", result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).unit();
    }

    private List<UnitError> invalid(String text) {
        ParseResult result = parser.parse("echo.toml", text);
        assertThat(result).as("%s", result).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).errors();
    }

    private UnitError onlyError(String text) {
        List<UnitError> errors = invalid(text);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void aValidUnitWithDefaults() {
        RecoveryUnit unit = valid(ECHO);

        assertThat(unit.service()).isEqualTo("echo.service");
        assertThat(unit.source()).isEqualTo("echo.toml");
        assertThat(unit.relaxTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(unit.checkStart()).isFalse();
        assertThat(unit.publicData()).contains("/var/lib/echo/public");
        assertThat(unit.privateData()).isEmpty();
        assertThat(unit.actions())
                .containsExactly(
                        new RecoveryAction(ActionType.RESTART_SERVICE, 3, false),
                        new RecoveryAction(ActionType.RESET_PUBLIC_DATA, 1, false));
        assertThat(unit.friends()).isEmpty();
    }

    @Test
    void friendsWithEveryOption() {
        RecoveryUnit unit = valid(
                ECHO
                        + """

                [[friend]]
                type = "service"
                name = "dummy.service"
                context = "container2"
                action = "signal"
                signal = 1
                delay = "5s"

                [[friend]]
                type = "process"
                name = "dummyprocess1"
                action = "restart"
                """);

        assertThat(unit.friends())
                .containsExactly(
                        new Friend(
                                FriendType.SERVICE,
                                "dummy.service",
                                Optional.of("container2"),
                                FriendAction.SIGNAL,
                                1,
                                Duration.ofSeconds(5)),
                        new Friend(
                                FriendType.PROCESS,
                                "dummyprocess1",
                                Optional.empty(),
                                FriendAction.RESTART,
                                0,
                                Duration.ZERO));
    }

    @Test
    void legacyActionNamesAreAccepted() {
        RecoveryUnit unit = valid(
                """
                service = "sample.service"
                relax-time = 300
                check-start = true
                public-data = "/var/lib/sample/public"
                private-data = "/var/lib/sample/private"
                [[action]]
                type = "resetService"
                retry = 3
                [[action]]
                type = "disableService"
                [[action]]
                type = "resetPublicData"
                [[action]]
                type = "resetPrivateData"
                [[action]]
                type = "contextRestart"
                [[action]]
                type = "platformRestart"
                [[action]]
                type = "factoryReset"
                reset = true
                [[action]]
                type = "ignoreService"
                """);

        assertThat(unit.actions())
                .extracting(RecoveryAction::type)
                .containsExactly(
                        ActionType.RESTART_SERVICE,
                        ActionType.DISABLE_SERVICE,
                        ActionType.RESET_PUBLIC_DATA,
                        ActionType.RESET_PRIVATE_DATA,
                        ActionType.RESTART_CONTEXT,
                        ActionType.RESTART_PLATFORM,
                        ActionType.FACTORY_RESET,
                        ActionType.IGNORE_SERVICE);
        assertThat(unit.relaxTime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(unit.checkStart()).isTrue();
        assertThat(unit.actions().get(6).reset()).isTrue();
    }

    @Test
    void templateUnitsApplyToEveryInstance() {
        RecoveryUnit unit = valid(
                """
                service = "getty@.service"
                relax-time = "5m"
                [[action]]
                type = "restart-service"
                """);

        assertThat(unit.isTemplate()).isTrue();
        assertThat(unit.governs("getty@tty1.service")).isTrue();
        assertThat(unit.governs("getty.service")).isFalse();
        assertThat(unit.governs("other@tty1.service")).isFalse();
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        UnitError error = onlyError(
                """
                service = "echo.service"
                relax-time = = "60s"
                [[action]]
                type = "restart-service"
                """);

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.reason()).startsWith("TOML syntax error");
        assertThat(error.toString()).startsWith("echo.toml:2: TOML syntax error");
    }

    @Test
    void anEmptyFileIsAnError() {
        assertThat(invalid("")).extracting(UnitError::key).contains("service", "relax-time", "action");
    }

    @Test
    void unknownKeysAtEveryLevel() {
        List<UnitError> errors = invalid(ECHO.replace("retry = 3", "retry = 3\nretries = 4")
                + """
                relaxtime = 5
                """);

        assertThat(errors)
                .extracting(UnitError::key, UnitError::line)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("action[0].retries", 8),
                        org.assertj.core.groups.Tuple.tuple("action[1].relaxtime", 12));
        assertThat(errors.get(0).reason()).startsWith("unknown key; expected one of reset, retry, type");
    }

    @Test
    void unknownFriendKey() {
        UnitError error = onlyError(
                ECHO
                        + """
                [[friend]]
                type = "process"
                name = "p"
                action = "stop"
                arg = 1
                """);
        assertThat(error.key()).isEqualTo("friend[0].arg");
        assertThat(error.line()).isEqualTo(15);
    }

    @Test
    void missingServiceAndRelaxTime() {
        List<UnitError> errors =
                invalid("""
                [[action]]
                type = "restart-service"
                """);

        assertThat(errors)
                .extracting(UnitError::key, UnitError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("service", "is required"),
                        org.assertj.core.groups.Tuple.tuple("relax-time", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "echo.socket", "/etc/echo.service", "echo service.service", ".service"})
    void aServiceMustBeAServiceName(String name) {
        UnitError error = onlyError(ECHO.replace("\"echo.service\"", "\"" + name + "\""));
        assertThat(error.key()).isEqualTo("service");
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.reason()).contains("must be a systemd service name");
    }

    @Test
    void aServiceMustBeAString() {
        UnitError error = onlyError(ECHO.replace("\"echo.service\"", "42"));
        assertThat(error.key()).isEqualTo("service");
        assertThat(error.reason()).isEqualTo("must be a string");
    }

    @ParameterizedTest
    @CsvSource({"'\"0s\"',must be greater than 0", "0,must be greater than 0", "'\"soon\"',invalid duration \"soon\""})
    void relaxTimeMustBeAPositiveDuration(String value, String reason) {
        UnitError error = onlyError(ECHO.replace("\"60s\"", value));
        assertThat(error.key()).isEqualTo("relax-time");
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.reason()).startsWith(reason);
    }

    @Test
    void aNegativeRelaxTimeIsAnError() {
        UnitError error = onlyError(ECHO.replace("\"60s\"", "-5"));
        assertThat(error.reason()).isEqualTo("must be greater than 0");
    }

    @Test
    void checkStartMustBeABoolean() {
        UnitError error =
                onlyError(ECHO.replace("relax-time = \"60s\"", "relax-time = \"60s\"\ncheck-start = \"yes\""));
        assertThat(error.key()).isEqualTo("check-start");
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.reason()).isEqualTo("must be true or false");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"0|must be at least 1, was 0", "-2|must be at least 1, was -2", "'\"3\"'|must be an integer"})
    void retryMustBeAnIntegerOfAtLeastOne(String value, String reason) {
        UnitError error = onlyError(ECHO.replace("retry = 3", "retry = " + value));
        assertThat(error.key()).isEqualTo("action[0].retry");
        assertThat(error.line()).isEqualTo(7);
        assertThat(error.reason()).isEqualTo(reason);
    }

    @Test
    void anUnknownActionTypeListsTheAcceptedOnes() {
        UnitError error = onlyError(ECHO.replace("\"reset-public-data\"", "\"reboot\""));
        assertThat(error.key()).isEqualTo("action[1].type");
        assertThat(error.line()).isEqualTo(10);
        assertThat(error.reason())
                .startsWith("unknown action \"reboot\"; expected one of ignore-service, restart-service");
    }

    @Test
    void anActionWithoutTypeIsAnError() {
        UnitError error = onlyError(ECHO.replace("type = \"restart-service\"\n", ""));
        assertThat(error.key()).isEqualTo("action[0].type");
        assertThat(error.reason()).isEqualTo("is required");
        assertThat(error.line()).isEqualTo(5);
    }

    @Test
    void resetMustBeABoolean() {
        UnitError error = onlyError(ECHO.replace("retry = 3", "reset = \"yes\""));
        assertThat(error.key()).isEqualTo("action[0].reset");
        assertThat(error.reason()).isEqualTo("must be true or false");
    }

    @Test
    void anEmptyOrMissingActionListIsAnError() {
        String header =
                """
                service = "echo.service"
                relax-time = "60s"
                """;
        assertThat(onlyError(header).key()).isEqualTo("action");
        assertThat(onlyError(header + "action = []\n").reason()).isEqualTo("at least one [[action]] is required");
        assertThat(onlyError(header + "action = \"restart\"\n").reason())
                .isEqualTo("must be an array of tables ([[action]])");
    }

    @Test
    void aDataResetNeedsItsDirectory() {
        UnitError error = onlyError(ECHO.replace("public-data = \"/var/lib/echo/public\"\n", ""));
        assertThat(error.key()).isEqualTo("public-data");
        assertThat(error.reason()).isEqualTo("is required because a reset-public-data action is listed");

        UnitError privateError = onlyError(
                ECHO + """
                [[action]]
                type = "reset-private-data"
                """);
        assertThat(privateError.key()).isEqualTo("private-data");
    }

    @ParameterizedTest
    @CsvSource({
        "var/lib/echo,must be an absolute path",
        "/,must not be the root directory /",
        "/var/lib/../echo,must be normalized",
        "/var/lib/./echo,must be normalized",
        "/var//lib,must be normalized",
        "/var/lib/echo/,must be normalized",
        "/etc,must not be the system directory /etc",
        "/usr,must not be the system directory /usr",
        "/var,must not be the system directory /var",
        "/proc,must not be the system directory /proc",
        "/boot,must not be the system directory /boot"
    })
    void dataPathsMustBeSafe(String path, String reason) {
        UnitError error = onlyError(ECHO.replace("/var/lib/echo/public", path));
        assertThat(error.key()).isEqualTo("public-data");
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.reason()).startsWith(reason);
    }

    @Test
    void friendErrors() {
        List<UnitError> errors = invalid(
                ECHO
                        + """

                [[friend]]
                type = "socket"
                name = "x"
                action = "signal"

                [[friend]]
                type = "service"
                name = "dummy"
                action = "restart"
                signal = 9
                delay = "later"

                [[friend]]
                type = "process"
                action = "kill"
                context = "no spaces allowed"
                """);

        assertThat(errors)
                .extracting(UnitError::key)
                .containsExactly(
                        "friend[0].type",
                        "friend[0].signal",
                        "friend[1].name",
                        "friend[1].signal",
                        "friend[1].delay",
                        "friend[2].name",
                        "friend[2].context",
                        "friend[2].action");
        assertThat(errors.get(0).reason()).isEqualTo("unknown value \"socket\"; expected one of service, process");
        assertThat(errors.get(1).reason()).isEqualTo("is required for the signal action");
        assertThat(errors.get(3).reason()).isEqualTo("is only allowed with action = \"signal\"");
        assertThat(errors.get(0).line()).isEqualTo(13);
    }

    @Test
    void aSignalOutOfRangeIsAnError() {
        UnitError error = onlyError(
                ECHO
                        + """
                [[friend]]
                type = "process"
                name = "p"
                action = "signal"
                signal = 99
                """);
        assertThat(error.key()).isEqualTo("friend[0].signal");
        assertThat(error.reason()).isEqualTo("must be a signal number from 1 to 64, was 99");
    }

    @Test
    void everyErrorOfAFileIsReportedTogether() {
        List<UnitError> errors = invalid(
                """
                service = "echo"
                relax-time = "-"
                check-start = "maybe"
                public-data = "relative"
                [[action]]
                type = "nope"
                retry = 0
                """);

        assertThat(errors)
                .extracting(UnitError::key)
                .containsExactly(
                        "service", "relax-time", "check-start", "public-data", "action[0].type", "action[0].retry");
        assertThat(errors).extracting(UnitError::line).containsExactly(1, 2, 3, 4, 6, 7);
    }

    @Test
    void theHashIgnoresCommentsFormattingKeyOrderAndAliases() {
        RecoveryUnit plain = valid(ECHO);
        RecoveryUnit rewritten = valid(
                """
                # the echo service
                public-data   = "/var/lib/echo/public"   # its data
                relax-time = 60
                service = "echo.service"

                [[action]]
                retry = 3
                type = "resetService"

                [[action]]
                type = "resetPublicData"
                reset = false
                """);

        assertThat(rewritten.hash()).isEqualTo(plain.hash());
        assertThat(valid(ECHO.replace("retry = 3", "retry = 4")).hash()).isNotEqualTo(plain.hash());
        assertThat(valid(ECHO.replace("\"60s\"", "\"61s\"")).hash()).isNotEqualTo(plain.hash());
    }
}
