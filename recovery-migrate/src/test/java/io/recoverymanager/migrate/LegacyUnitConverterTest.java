package io.recoverymanager.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Friend;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.RecoveryAction;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyUnitConverterTest {
    private final LegacyUnitConverter converter = new LegacyUnitConverter();

    static String fixture(String name) throws IOException {
        try (InputStream in = LegacyUnitConverterTest.class.getResourceAsStream("/legacy/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String converted(String source, String content) {
        Conversion c = converter.convert(source, content);
        assertThat(c).as("conversion of " + source).isInstanceOf(Conversion.Converted.class);
        return ((Conversion.Converted) c).toml();
    }

    private List<String> errors(String content) {
        Conversion c = converter.convert("bad.recovery", content);
        assertThat(c).as("conversion should fail").isInstanceOf(Conversion.Failed.class);
        return ((Conversion.Failed) c)
                .errors().stream().map(ConversionError::toString).toList();
    }

    @Test
    void sampleDocumentingEveryElementConverts() throws IOException {
        String toml = converted("sample.recovery", fixture("sample.recovery"));
        assertThat(toml)
                .isEqualTo(
                        """
                        # Converted by `recoverymanager convert` from sample.recovery
                        service = "sample.service"
                        relax-time = "300s"
                        check-start = false
                        public-data = "/var/lib/sample/public"
                        private-data = "/var/lib/sample/private"

                        [[action]]  # Reset Service
                        type = "restart-service"
                        retry = 3

                        [[action]]  # Disable this lifecycle
                        type = "disable-service"

                        [[action]]  # Reset Public Data
                        type = "reset-public-data"

                        [[action]]  # Reset Private Data
                        type = "reset-private-data"

                        [[action]]  # Restart Container
                        type = "restart-context"

                        [[action]]  # Restart Hardware
                        type = "restart-platform"

                        [[action]]  # Do critical factory reset
                        type = "factory-reset"

                        [[friend]]
                        type = "process"
                        name = "dummyprocess1"
                        context = "debian"
                        action = "restart"
                        delay = "10s"

                        [[friend]]
                        type = "process"
                        name = "dummyprocess2"
                        context = "container1"
                        action = "signal"
                        signal = 1
                        delay = "3s"

                        [[friend]]
                        type = "service"
                        name = "dummy.service"
                        context = "container2"
                        action = "restart"
                        delay = "5s"
                        """);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void theOldProjectsTestUnitsConvert(int n) throws IOException {
        String source = "echos" + n + ".recovery";
        assertThat(converted(source, fixture(source)))
                .isEqualTo(
                        """
                        # Converted by `recoverymanager convert` from echos%1$d.recovery
                        service = "echos%1$d.service"
                        relax-time = "60s"
                        check-start = false
                        public-data = "/var/lib/echos%1$d/public"
                        private-data = "/var/lib/echos%1$d/private"

                        [[action]]  # Reset Service
                        type = "restart-service"
                        retry = 3

                        [[action]]  # Reset Public Data
                        type = "reset-public-data"

                        [[action]]  # Reset Private Data
                        type = "reset-private-data"

                        [[action]]  # Restart Container
                        type = "restart-context"

                        [[action]]  # Restart Hardware
                        type = "restart-platform"

                        [[action]]  # Do critical factory reset
                        type = "factory-reset"
                        """
                                .formatted(n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample", "echos1", "echos2", "echos3", "echos4", "echos5"})
    void everyConvertedFixtureIsValidToml(String name) throws IOException {
        JsonNode tree = new TomlMapper().readTree(converted(name + ".recovery", fixture(name + ".recovery")));
        assertThat(tree.get("service").asText()).isEqualTo(name + ".service");
        assertThat(tree.get("action").isArray()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample", "echos1", "echos2", "echos3", "echos4", "echos5"})
    void everyConvertedFixturePassesTheUnitParserWithTheSameMeaning(String name) throws IOException {
        String toml = converted(name + ".recovery", fixture(name + ".recovery"));
        ParseResult result = new UnitParser().parse(name + ".toml", toml);
        assertThat(result).as(result.toString()).isInstanceOf(ParseResult.Valid.class);
        RecoveryUnit unit = ((ParseResult.Valid) result).unit();
        assertThat(unit.service()).isEqualTo(name + ".service");
        assertThat(unit.relaxTime()).isEqualTo(Duration.ofSeconds(name.equals("sample") ? 300 : 60));
        assertThat(unit.checkStart()).isFalse();
        assertThat(unit.publicData()).contains("/var/lib/" + name + "/public");
        assertThat(unit.privateData()).contains("/var/lib/" + name + "/private");
        assertThat(unit.actions().get(0)).isEqualTo(new RecoveryAction(ActionType.RESTART_SERVICE, 3, false));
        assertThat(unit.actions())
                .extracting(RecoveryAction::type)
                .endsWith(ActionType.RESTART_CONTEXT, ActionType.RESTART_PLATFORM, ActionType.FACTORY_RESET);
        if (name.equals("sample")) {
            assertThat(unit.friends())
                    .containsExactly(
                            new Friend(
                                    FriendType.PROCESS,
                                    "dummyprocess1",
                                    Optional.of("debian"),
                                    FriendAction.RESTART,
                                    0,
                                    Duration.ofSeconds(10)),
                            new Friend(
                                    FriendType.PROCESS,
                                    "dummyprocess2",
                                    Optional.of("container1"),
                                    FriendAction.SIGNAL,
                                    1,
                                    Duration.ofSeconds(3)),
                            new Friend(
                                    FriendType.SERVICE,
                                    "dummy.service",
                                    Optional.of("container2"),
                                    FriendAction.RESTART,
                                    0,
                                    Duration.ofSeconds(5)));
        }
    }

    @Test
    void resetAndCheckStartSurviveTheUnitParser() {
        String toml = converted(
                "r.recovery",
                "<service relaxtime=\"90\" checkstart=\"true\">r.service</service>"
                        + "<actions><action type=\"resetService\" retry=\"2\" reset=\"true\"/>"
                        + "<action type=\"ignoreService\"/></actions>");
        RecoveryUnit unit = ((ParseResult.Valid) new UnitParser().parse("r.toml", toml)).unit();
        assertThat(unit.checkStart()).isTrue();
        assertThat(unit.relaxTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(unit.actions())
                .containsExactly(
                        new RecoveryAction(ActionType.RESTART_SERVICE, 2, true),
                        new RecoveryAction(ActionType.IGNORE_SERVICE, 1, false));
    }

    @Test
    void checkStartResetAndEveryLegacyActionNameMap() {
        String toml = converted(
                "x.recovery",
                """
                <?xml version="1.0"?>
                <service relaxtime="5" checkstart="true">x.service</service>
                <actions>
                  <action type="ignoreService"/>
                  <action type="resetService" retry="2" reset="true"/>
                  <action type="disableService"/>
                  <action type="contextRestart"/>
                  <action type="platformRestart"/>
                  <action type="factoryReset"/>
                  <action type="resetPublicData"/>
                  <action type="resetPrivateData"/>
                </actions>
                """);
        assertThat(toml)
                .contains("relax-time = \"5s\"\ncheck-start = true\n")
                .contains("[[action]]\ntype = \"ignore-service\"\n\n[[action]]\ntype = \"restart-service\"\nretry = 2\n"
                        + "reset = true\n")
                .contains("# Never reached: an earlier action resets the rvector (as in the original).\n[[action]]\n"
                        + "type = \"disable-service\"")
                .contains("type = \"restart-context\"", "type = \"restart-platform\"", "type = \"factory-reset\"")
                .contains("type = \"reset-public-data\"", "type = \"reset-private-data\"");
    }

    @Test
    void stringsAreEscapedForToml() throws IOException {
        String toml = converted(
                "q.recovery",
                "<service relaxtime=\"1\">q.service</service><publicdata>/var/lib/q/\"odd\\dir</publicdata>"
                        + "<actions><action type=\"resetService\">say &quot;hi&quot;</action></actions>");
        assertThat(new TomlMapper().readTree(toml).get("public-data").asText()).isEqualTo("/var/lib/q/\"odd\\dir");
    }

    @Test
    void unknownActionTypeAndNonNumericRetryAreNamed() {
        assertThat(
                        errors(
                                """
                        <service relaxtime="60">a.service</service>
                        <actions>
                            <action type="resetService" retry="three"/>
                            <action type="rebootTheWorld"/>
                        </actions>
                        """))
                .containsExactly(
                        "bad.recovery:3: action[1] retry: \"three\" is not a whole number",
                        "bad.recovery:4: action[2] type: unknown action type \"rebootTheWorld\" (known: ignoreService,"
                                + " resetService, resetPublicData, resetPrivateData, disableService, contextRestart,"
                                + " platformRestart, factoryReset)");
    }

    @Test
    void missingServiceAndActionsAreNamed() {
        assertThat(errors("<publicdata>/var/lib/a</publicdata>"))
                .containsExactly(
                        "bad.recovery: <service>: missing: every unit needs <service relaxtime=\"...\">name.service"
                                + "</service>",
                        "bad.recovery: <actions>: missing: a unit needs at least one action");
    }

    @Test
    void serviceProblems() {
        assertThat(errors("<service checkstart=\"maybe\" colour=\"red\"></service>\n<actions></actions>"))
                .containsExactly(
                        "bad.recovery:1: <service> colour: unknown attribute (known: checkstart, relaxtime)",
                        "bad.recovery:1: <service>: missing service name (the element's text)",
                        "bad.recovery:1: <service> relaxtime: missing (the relax time in seconds)",
                        "bad.recovery:1: <service> checkstart: \"maybe\" is not true or false",
                        "bad.recovery:2: <actions>: no <action>: a unit needs at least one action");
        assertThat(errors("<service relaxtime=\"0\">a b</service><actions><action type=\"resetService\"/></actions>"))
                .containsExactly(
                        "bad.recovery:1: <service>: \"a b\" is not a systemd service name such as echo.service",
                        "bad.recovery:1: <service> relaxtime: must be at least 1, was 0");
    }

    @Test
    void friendProblems() {
        assertThat(
                        errors(
                                """
                        <service relaxtime="60">a.service</service>
                        <actions><action type="resetService"/></actions>
                        <friends>
                          <friend type="process" action="signal">p1</friend>
                          <friend type="process" action="restart" arg="9">p2</friend>
                          <friend type="daemon" action="explode" delay="soon">p3</friend>
                          <friend type="service" action="stop">not-a-service</friend>
                          <friend type="process" action="start" context=""></friend>
                          <friend type="process" action="signal" arg="99">p4</friend>
                          <enemy/>
                        </friends>
                        """))
                .containsExactly(
                        "bad.recovery:4: friend[1] arg: missing: the signal action needs the signal number in arg",
                        "bad.recovery:5: friend[2] arg: only the signal action takes an arg, not restart",
                        "bad.recovery:6: friend[3] type: unknown type \"daemon\" (known: service, process)",
                        "bad.recovery:6: friend[3] action: unknown action \"explode\" (known: start, stop, restart,"
                                + " signal)",
                        "bad.recovery:6: friend[3] delay: \"soon\" is not a whole number",
                        "bad.recovery:7: friend[4]: \"not-a-service\" is not a service name such as dummy.service",
                        "bad.recovery:8: friend[5]: missing the friend's name (the element's text)",
                        "bad.recovery:8: friend[5] context: empty (leave the attribute out for this instance's"
                                + " context)",
                        "bad.recovery:9: friend[6] arg: signal 99 does not exist (1 to 64)",
                        "bad.recovery:10: <friends>: unexpected element <enemy> (only <friend> belongs here)");
    }

    @Test
    void structuralProblems() {
        assertThat(
                        errors(
                                """
                        <service relaxtime="60">a.service</service>
                        <service relaxtime="60">b.service</service>
                        <actions><action type="resetService"><note/></action><other/></actions>
                        <publicdata mode="x"></publicdata>
                        <unit/>
                        stray text
                        """))
                .containsExactly(
                        "bad.recovery:1: text outside of any element: \"stray text\"",
                        "bad.recovery:2: <service>: appears twice (first on line 1)",
                        "bad.recovery:5: <unit>: unknown element (known: service, privatedata, publicdata, actions,"
                                + " friends)",
                        "bad.recovery:4: <publicdata> mode: unknown attribute (<publicdata> takes none)",
                        "bad.recovery:4: <publicdata>: empty path",
                        "bad.recovery:3: <action>: unexpected element <note> inside",
                        "bad.recovery:3: <actions>: unexpected element <other> (only <action> belongs here)");
    }

    @Test
    void malformedMarkupNamesTheLine() {
        assertThat(errors("<service relaxtime=\"60\">a.service</service>\n<actions>\n<action type=\"x\">\n"))
                .singleElement()
                .asString()
                .startsWith("bad.recovery:4: not readable as the old unit format: ");
    }

    @Test
    void doctypesAndExternalEntitiesAreRefused() {
        assertThat(errors("\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<service>&e;</service>"))
                .containsExactly("bad.recovery:2: DOCTYPE and ENTITY declarations are not allowed (the old format has"
                        + " none)");
        assertThat(errors("<service relaxtime=\"1\">&e;</service>"))
                .singleElement()
                .asString()
                .startsWith("bad.recovery:1: not readable as the old unit format: ")
                .contains("\"e\"");
    }
}
