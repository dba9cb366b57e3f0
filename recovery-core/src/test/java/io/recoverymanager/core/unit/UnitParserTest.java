package io.recoverymanager.core.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitParserTest {
    private static final String SOURCE = "echo.toml";
    private final UnitParser parser = new UnitParser();

    private RecoveryUnit valid(String content) {
        ParseResult result = parser.parse(SOURCE, content);
        assertThat(result).as("parse result of%n%s", content).isInstanceOf(ParseResult.Valid.class);
        assertThat(result.source()).isEqualTo(SOURCE);
        return ((ParseResult.Valid) result).unit();
    }

    private List<UnitError> errors(String content) {
        ParseResult result = parser.parse(SOURCE, content);
        assertThat(result).as("parse result of%n%s", content).isInstanceOf(ParseResult.Invalid.class);
        assertThat(result.source()).isEqualTo(SOURCE);
        List<UnitError> errors = ((ParseResult.Invalid) result).errors();
        assertThat(errors).allSatisfy(e -> assertThat(e.source()).isEqualTo(SOURCE));
        return errors;
    }

    /** Asserts the content has exactly one error, at the given line and key, with the reason fragment. */
    private UnitError onlyError(String content, int line, String key, String reasonFragment) {
        List<UnitError> errors = errors(content);
        assertThat(errors).as("errors of%n%s", content).hasSize(1);
        UnitError error = errors.get(0);
        assertThat(error.key()).isEqualTo(key);
        assertThat(error.line()).as("line of %s", error).isEqualTo(line);
        assertThat(error.reason()).contains(reasonFragment);
        return error;
    }

    @Nested
    class ValidUnits {
        @Test
        void readsEveryKeyOfTheIssueExample() {
            RecoveryUnit unit = valid(
                    """
                    service = "echo.service"          # required
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

                    [[friend]]
                    type = "service"
                    name = "dummy.service"
                    context = "container2"
                    action = "signal"
                    signal = 1
                    delay = "5s"
                    """);

            assertThat(unit.source()).isEqualTo(SOURCE);
            assertThat(unit.service()).isEqualTo("echo.service");
            assertThat(unit.relaxTime()).isEqualTo(Duration.ofSeconds(60));
            assertThat(unit.checkStart()).isTrue();
            assertThat(unit.publicData()).contains("/var/lib/echo/public");
            assertThat(unit.privateData()).contains("/var/lib/echo/private");
            assertThat(unit.actions())
                    .containsExactly(
                            new RecoveryAction(ActionType.RESTART_SERVICE, 3, false),
                            new RecoveryAction(ActionType.RESET_PUBLIC_DATA, 1, true));
            assertThat(unit.friends())
                    .containsExactly(new Friend(
                            FriendType.SERVICE,
                            "dummy.service",
                            Optional.of("container2"),
                            FriendAction.SIGNAL,
                            1,
                            Duration.ofSeconds(5)));
        }

        @Test
        void appliesDefaults() {
            RecoveryUnit unit = valid(
                    """
                    service = "echo.service"
                    relax-time = 10
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "process"
                    name = "cached"
                    action = "restart"
                    """);

            assertThat(unit.checkStart()).isFalse();
            assertThat(unit.publicData()).isEmpty();
            assertThat(unit.privateData()).isEmpty();
            assertThat(unit.actions()).containsExactly(new RecoveryAction(ActionType.RESTART_SERVICE, 1, false));
            assertThat(unit.friends())
                    .containsExactly(new Friend(
                            FriendType.PROCESS, "cached", Optional.empty(), FriendAction.RESTART, 0, Duration.ZERO));
        }

        @Test
        void integerRelaxTimeIsSeconds() {
            RecoveryUnit unit = valid(
                    """
                    service = "echo.service"
                    relax-time = 90
                    [[action]]
                    type = "restart-service"
                    """);
            assertThat(unit.relaxTime()).isEqualTo(Duration.ofSeconds(90));
        }

        @ParameterizedTest
        @CsvSource({"500ms,500", "90s,90000", "5m,300000", "1h,3600000", "1d,86400000"})
        void relaxTimeAcceptsEveryDurationUnit(String text, long millis) {
            RecoveryUnit unit = valid(
                    """
                    service = "echo.service"
                    relax-time = "%s"
                    [[action]]
                    type = "restart-service"
                    """
                            .formatted(text));
            assertThat(unit.relaxTime()).isEqualTo(Duration.ofMillis(millis));
        }

        @ParameterizedTest
        @CsvSource({
            "ignoreService,ignore-service",
            "resetService,restart-service",
            "resetPublicData,reset-public-data",
            "resetPrivateData,reset-private-data",
            "disableService,disable-service",
            "contextRestart,restart-context",
            "platformRestart,restart-platform",
            "factoryReset,factory-reset"
        })
        void acceptsTheOriginalActionNamesAsAliases(String legacy, String tomlName) {
            RecoveryUnit unit = valid(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    public-data = "/var/lib/echo/public"
                    private-data = "/var/lib/echo/private"
                    [[action]]
                    type = "%s"
                    """
                            .formatted(legacy));
            assertThat(unit.actions().get(0).type().tomlName()).isEqualTo(tomlName);
        }

        @Test
        void acceptsATemplateService() {
            RecoveryUnit unit = valid(
                    """
                    service = "getty@.service"
                    relax-time = "5m"
                    [[action]]
                    type = "restart-service"
                    """);
            assertThat(unit.isTemplate()).isTrue();
            assertThat(unit.governs("getty@tty1.service")).isTrue();
            assertThat(unit.governs("getty@tty2.service")).isTrue();
            assertThat(unit.governs("getty.service")).isFalse();
        }

        @Test
        void acceptsAServiceInstance() {
            RecoveryUnit unit = valid(
                    """
                    service = "getty@tty1.service"
                    relax-time = "5m"
                    [[action]]
                    type = "restart-service"
                    """);
            assertThat(unit.isTemplate()).isFalse();
            assertThat(unit.governs("getty@tty1.service")).isTrue();
            assertThat(unit.governs("getty@tty2.service")).isFalse();
        }

        @Test
        void acceptsInlineTablesAndQuotedKeys() {
            RecoveryUnit unit = valid(
                    """
                    "service" = 'echo.service'
                    'relax-time' = "1m"
                    action = [ { type = "restart-service", retry = 2 }, { type = "ignore-service" } ]
                    """);
            assertThat(unit.actions())
                    .extracting(RecoveryAction::type, RecoveryAction::retry)
                    .containsExactly(tuple(ActionType.RESTART_SERVICE, 2), tuple(ActionType.IGNORE_SERVICE, 1));
        }

        @Test
        void aDataPathWithoutAMatchingActionIsAllowed() {
            RecoveryUnit unit = valid(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    public-data = "/var/lib/echo/public"
                    [[action]]
                    type = "restart-service"
                    """);
            assertThat(unit.publicData()).contains("/var/lib/echo/public");
        }
    }

    @Nested
    class UnknownKeys {
        @Test
        void atTopLevel() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    colour = "blue"
                    [[action]]
                    type = "restart-service"
                    """,
                    3,
                    "colour",
                    "unknown key; allowed keys: service, relax-time");
        }

        @Test
        void nearMissGetsASuggestion() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    check_start = true
                    [[action]]
                    type = "restart-service"
                    """,
                    3,
                    "check_start",
                    "unknown key; did you mean \"check-start\"?");
        }

        @Test
        void unknownTable() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [settings]
                    verbose = true
                    """,
                    5,
                    "settings",
                    "unknown key");
        }

        @Test
        void inAnAction() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[action]]
                    type = "ignore-service"
                    retries = 2
                    """,
                    7,
                    "action[1].retries",
                    "did you mean \"retry\"?");
        }

        @Test
        void inAFriend() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "service"
                    name = "db.service"
                    action = "restart"
                    arg = 3
                    """,
                    9,
                    "friend[0].arg",
                    "unknown key; allowed keys: type, name, context, action, signal, delay");
        }
    }

    @Nested
    class MissingKeys {
        @Test
        void service() {
            onlyError(
                    """
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    """,
                    0,
                    "service",
                    "missing required key");
        }

        @Test
        void relaxTime() {
            onlyError(
                    """
                    service = "echo.service"
                    [[action]]
                    type = "restart-service"
                    """,
                    0,
                    "relax-time",
                    "missing required key");
        }

        @Test
        void actionList() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    """,
                    0,
                    "action",
                    "missing required key: a unit needs at least one [[action]]");
        }

        @Test
        void actionType() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"

                    [[action]]
                    retry = 2
                    """,
                    6,
                    "action[1].type",
                    "missing required key");
        }

        @Test
        void publicDataForAResetPublicDataAction() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[action]]
                    type = "reset-public-data"
                    """,
                    6,
                    "public-data",
                    "missing required key: needed because action[1] is reset-public-data");
        }

        @Test
        void privateDataForAResetPrivateDataActionGivenByItsAlias() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    public-data = "/var/lib/echo/public"
                    [[action]]
                    type = "resetPrivateData"
                    """,
                    5,
                    "private-data",
                    "missing required key: needed because action[0] is reset-private-data");
        }

        @Test
        void friendTypeNameAndAction() {
            List<UnitError> errors = errors(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    delay = "1s"
                    """);
            assertThat(errors)
                    .extracting(UnitError::line, UnitError::key, UnitError::reason)
                    .containsExactly(
                            tuple(5, "friend[0].type", "missing required key"),
                            tuple(5, "friend[0].name", "missing required key"),
                            tuple(5, "friend[0].action", "missing required key"));
        }

        @Test
        void signalForTheSignalAction() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "process"
                    name = "cached"
                    action = "signal"
                    """,
                    5,
                    "friend[0].signal",
                    "missing required key: action \"signal\" needs a signal number");
        }
    }

    @Nested
    class WrongTypes {
        @Test
        void serviceIsNotAString() {
            onlyError(
                    """
                    service = 42
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    """,
                    1,
                    "service",
                    "must be a string, found an integer");
        }

        @Test
        void relaxTimeIsAFloat() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = 1.5
                    [[action]]
                    type = "restart-service"
                    """,
                    2,
                    "relax-time",
                    "must be a duration such as \"60s\" or an integer number of seconds, found a float");
        }

        @Test
        void checkStartIsAString() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    check-start = "yes"
                    [[action]]
                    type = "restart-service"
                    """,
                    3,
                    "check-start",
                    "must be a boolean, found a string");
        }

        @Test
        void dataPathIsADate() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    public-data = 2024-01-01
                    [[action]]
                    type = "restart-service"
                    """,
                    3,
                    "public-data",
                    "must be a string, found a date/time");
        }

        @Test
        void actionIsATableInsteadOfAnArrayOfTables() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [action]
                    type = "restart-service"
                    """,
                    3,
                    "action",
                    "must be an array of tables ([[action]]), found a table");
        }

        @Test
        void actionElementIsNotATable() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    action = ["restart-service"]
                    """,
                    3,
                    "action[0]",
                    "must be a table, found a string");
        }

        @Test
        void retryIsAString() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    retry = "3"
                    """,
                    5,
                    "action[0].retry",
                    "must be an integer, found a string");
        }

        @Test
        void retryIsTooLarge() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    retry = 99999999999
                    """,
                    5,
                    "action[0].retry",
                    "is too large: 99999999999");
        }

        @Test
        void resetIsAnInteger() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    reset = 1
                    """,
                    5,
                    "action[0].reset",
                    "must be a boolean, found an integer");
        }

        @Test
        void friendIsNotAnArray() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    friend = "db.service"
                    [[action]]
                    type = "restart-service"
                    """,
                    3,
                    "friend",
                    "must be an array of tables ([[friend]]), found a string");
        }

        @Test
        void friendSignalIsAString() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "process"
                    name = "cached"
                    action = "signal"
                    signal = "SIGHUP"
                    """,
                    9,
                    "friend[0].signal",
                    "must be an integer, found a string");
        }

        @Test
        void friendDelayIsABoolean() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "process"
                    name = "cached"
                    action = "restart"
                    delay = true
                    """,
                    9,
                    "friend[0].delay",
                    "found a boolean");
        }
    }

    @Nested
    class BadValues {
        @Test
        void serviceWithoutServiceSuffix() {
            onlyError(
                    """
                    service = "echo.socket"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    """,
                    1,
                    "service",
                    "must be a systemd service name ending in .service, was \"echo.socket\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {".service", "@.service", "my echo.service", "a@b@.service", "dir/echo.service"})
        void serviceWithInvalidCharactersOrShape(String name) {
            onlyError(
                    """
                    service = "%s"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    """
                            .formatted(name),
                    1,
                    "service",
                    "is not a valid service name");
        }

        @Test
        void retryBelowOne() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[action]]
                    type = "ignore-service"
                    retry = 0
                    """,
                    7,
                    "action[1].retry",
                    "must be at least 1, was 0");
        }

        @Test
        void relaxTimeZero() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "0s"
                    [[action]]
                    type = "restart-service"
                    """,
                    2,
                    "relax-time",
                    "must be greater than 0");
        }

        @Test
        void relaxTimeZeroAsInteger() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = 0
                    [[action]]
                    type = "restart-service"
                    """,
                    2,
                    "relax-time",
                    "must be greater than 0");
        }

        @Test
        void relaxTimeNegative() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = -5
                    [[action]]
                    type = "restart-service"
                    """,
                    2,
                    "relax-time",
                    "must not be negative, was -5");
        }

        @Test
        void relaxTimeWithUnknownUnit() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60sek"
                    [[action]]
                    type = "restart-service"
                    """,
                    2,
                    "relax-time",
                    "duration \"60sek\" has unknown unit \"sek\"");
        }

        @Test
        void emptyActionList() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    action = []
                    """,
                    3,
                    "action",
                    "must list at least one action");
        }

        @Test
        void unknownActionType() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "reboot"
                    """,
                    4,
                    "action[0].type",
                    "unknown action type \"reboot\"; accepted: ignore-service, restart-service");
        }

        @Test
        void actionTypeNamesAreCaseSensitive() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "Restart-Service"
                    """,
                    4,
                    "action[0].type",
                    "unknown action type \"Restart-Service\"");
        }

        @Test
        void unknownFriendType() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "socket"
                    name = "db.socket"
                    action = "restart"
                    """,
                    6,
                    "friend[0].type",
                    "unknown value \"socket\"; accepted: service, process");
        }

        @Test
        void unknownFriendAction() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "service"
                    name = "db.service"
                    action = "reload"
                    """,
                    8,
                    "friend[0].action",
                    "unknown value \"reload\"; accepted: start, stop, restart, signal");
        }

        @Test
        void signalWithoutTheSignalAction() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "service"
                    name = "db.service"
                    action = "restart"
                    signal = 9
                    """,
                    9,
                    "friend[0].signal",
                    "only allowed with action = \"signal\", not with action = \"restart\"");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 65})
        void signalOutOfRange(int signal) {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "process"
                    name = "cached"
                    action = "signal"
                    signal = %d
                    """
                            .formatted(signal),
                    9,
                    "friend[0].signal",
                    "must be a signal number from 1 to 64, was " + signal);
        }

        @Test
        void negativeFriendDelay() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "process"
                    name = "cached"
                    action = "start"
                    delay = -1
                    """,
                    9,
                    "friend[0].delay",
                    "must not be negative");
        }

        @Test
        void friendDelayZeroIsAllowed() {
            RecoveryUnit unit = valid(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "process"
                    name = "cached"
                    action = "stop"
                    delay = "0s"
                    """);
            assertThat(unit.friends().get(0).delay()).isZero();
        }

        @Test
        void serviceFriendMustBeAServiceName() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "service"
                    name = "db"
                    action = "restart"
                    """,
                    7,
                    "friend[0].name",
                    "a service friend must be a service name ending in .service, was \"db\"");
        }

        @Test
        void serviceFriendMustNotBeATemplate() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "service"
                    name = "getty@.service"
                    action = "restart"
                    """,
                    7,
                    "friend[0].name",
                    "not the template");
        }

        @Test
        void blankFriendContext() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    [[friend]]
                    type = "process"
                    name = "cached"
                    context = " "
                    action = "stop"
                    """,
                    8,
                    "friend[0].context",
                    "must not be blank");
        }
    }

    @Nested
    class DataPathRules {
        private String unitWithPublicData(String path) {
            return """
                    service = "echo.service"
                    relax-time = "60s"
                    public-data = "%s"
                    [[action]]
                    type = "reset-public-data"
                    """
                    .formatted(path);
        }

        @Test
        void relative() {
            onlyError(
                    unitWithPublicData("var/lib/echo"),
                    3,
                    "public-data",
                    "must be an absolute path (start with /), was \"var/lib/echo\"");
        }

        @Test
        void dotDotSegment() {
            onlyError(
                    unitWithPublicData("/var/lib/echo/../../.."),
                    3,
                    "public-data",
                    "is not normalized: it contains a \"..\" segment");
        }

        @Test
        void dotSegment() {
            onlyError(
                    unitWithPublicData("/var/lib/./echo"),
                    3,
                    "public-data",
                    "is not normalized: it contains a \".\" segment");
        }

        @Test
        void doubleSlash() {
            onlyError(unitWithPublicData("/var/lib//echo"), 3, "public-data", "is not normalized: it contains //");
        }

        @Test
        void trailingSlash() {
            onlyError(
                    unitWithPublicData("/var/lib/echo/"), 3, "public-data", "is not normalized: remove the trailing /");
        }

        @Test
        void root() {
            onlyError(unitWithPublicData("/"), 3, "public-data", "must not be / (the root directory)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/var", "/etc", "/usr", "/home", "/bin", "/boot", "/dev", "/proc", "/sys", "/tmp"})
        void topLevelSystemDirectory(String path) {
            onlyError(unitWithPublicData(path), 3, "public-data", "must not be the system directory " + path);
        }

        @Test
        void privateDataIsCheckedToo() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    private-data = "/etc"
                    [[action]]
                    type = "reset-private-data"
                    """,
                    3,
                    "private-data",
                    "must not be the system directory /etc");
        }

        @Test
        void childOfASystemDirectoryIsFine() {
            assertThat(valid(unitWithPublicData("/var/lib/echo")).publicData()).contains("/var/lib/echo");
        }
    }

    @Nested
    class SyntaxErrors {
        @Test
        void reportsTheTomlReadersLine() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s
                    [[action]]
                    type = "restart-service"
                    """,
                    2,
                    "",
                    "invalid TOML: ");
        }

        @Test
        void unclosedHeader() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"

                    [[action
                    type = "restart-service"
                    """,
                    4,
                    "",
                    "invalid TOML: ");
        }

        @Test
        void duplicateKeyNamesTheKeyAndTheSecondLine() {
            onlyError(
                    """
                    service = "echo.service"
                    relax-time = "60s"
                    [[action]]
                    type = "restart-service"
                    retry = 2
                    retry = 3
                    """,
                    6,
                    "action[0].retry",
                    "invalid TOML: the key is assigned more than once");
        }

        @Test
        void emptyFileMissesEverything() {
            assertThat(errors(""))
                    .extracting(UnitError::key)
                    .containsExactlyInAnyOrder("service", "relax-time", "action");
        }
    }

    @Test
    void reportsAllErrorsOfAFileSortedByLine() {
        List<UnitError> errors = errors(
                """
                service = "echo"
                relax-time = "-5s"
                check-start = 1
                public-data = "relative/path"
                colour = "blue"

                [[action]]
                type = "restart-service"
                retry = 0

                [[action]]
                type = "teleport"

                [[action]]
                type = "reset-private-data"

                [[friend]]
                type = "service"
                name = "db.service"
                action = "stop"
                signal = 15
                """);

        assertThat(errors)
                .extracting(UnitError::line, UnitError::key)
                .containsExactly(
                        tuple(1, "service"),
                        tuple(2, "relax-time"),
                        tuple(3, "check-start"),
                        tuple(4, "public-data"),
                        tuple(5, "colour"),
                        tuple(9, "action[0].retry"),
                        tuple(12, "action[1].type"),
                        tuple(15, "private-data"),
                        tuple(21, "friend[0].signal"));
        assertThat(errors.get(1).reason()).isEqualTo("duration \"-5s\" is negative");
        assertThat(errors.get(7).reason()).contains("needed because action[2] is reset-private-data");
    }

    @Test
    void errorRendersAsFileLineKeyReason() {
        UnitError error = onlyError(
                """
                service = "echo.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                retry = 0
                """,
                5,
                "action[0].retry",
                "must be at least 1");
        assertThat(error).hasToString("echo.toml:5: action[0].retry: must be at least 1, was 0");
    }

    @Test
    void headersInsideMultiLineStringsDoNotShiftLines() {
        onlyError(
                """
                service = "echo.service"
                relax-time = "60s"
                [[action]]
                type = "restart-service"
                [[friend]]
                type = "process"
                name = \"""
                [[action]]
                retry = 0
                \"""
                action = "signal"
                signal = 99
                """,
                12,
                "friend[0].signal",
                "must be a signal number from 1 to 64, was 99");
    }
}
