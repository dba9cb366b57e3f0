package io.recoverymanager.dispatch.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.dispatch.exec.CommandTemplate.Placeholder;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    @Test
    void replacesWholeArgumentsOnlyAndKeepsValuesAsSingleArguments() {
        CommandTemplate t = CommandTemplate.configured(
                        "commands.public-data-reset",
                        List.of("wipe", "--service", "${service}", "${path}", "$HOME"),
                        CommandTemplate.DATA_RESET_PLACEHOLDERS)
                .orElseThrow();
        List<String> argv = t.expand(
                Map.of(Placeholder.SERVICE, "a b; rm -rf /", Placeholder.CONTEXT, "c", Placeholder.PATH, "/srv/x y"));
        assertThat(argv).containsExactly("wipe", "--service", "a b; rm -rf /", "/srv/x y", "$HOME");
    }

    @Test
    void valuesReplaceWholeArgumentsAndStayOneArgumentEach() {
        CommandTemplate t = CommandTemplate.of("wipe", "--path", "${path}", "${service}");
        assertThat(t.expand(Map.of(Placeholder.PATH, "/var/lib/a b; rm -rf /", Placeholder.SERVICE, "$(reboot)")))
                .containsExactly("wipe", "--path", "/var/lib/a b; rm -rf /", "$(reboot)");
    }

    @Test
    void aMissingValueIsAnError() {
        CommandTemplate t = CommandTemplate.of("machinectl", "reboot", "${context}");
        assertThatThrownBy(() -> t.expand(Map.of())).hasMessage("no value for ${context}");
    }

    @Test
    void literalDollarTextWithoutBracesIsKept() {
        CommandTemplate t = CommandTemplate.of("echo", "$HOME", "costs $5");
        assertThat(t.argv()).allMatch(a -> a instanceof CommandTemplate.Literal);
        assertThat(t.expand(Map.of())).containsExactly("echo", "$HOME", "costs $5");
    }

    @Test
    void invalidTemplates() {
        var all = EnumSet.allOf(Placeholder.class);
        assertThat(CommandTemplate.parse(List.of(), all))
                .isEqualTo(new CommandTemplate.Parsed.Invalid("the command is empty"));
        assertThat(CommandTemplate.parse(List.of("x", "pre${path}"), all))
                .isEqualTo(new CommandTemplate.Parsed.Invalid(
                        "argument 2 \"pre${path}\": a placeholder must be a whole argument, not part of one"));
        assertThat(CommandTemplate.parse(List.of("${service}"), all))
                .isEqualTo(new CommandTemplate.Parsed.Invalid("the program (argument 1) must not be a placeholder"));
        assertThat(CommandTemplate.parse(List.of("x", "${path}"), EnumSet.of(Placeholder.CONTEXT)))
                .isEqualTo(new CommandTemplate.Parsed.Invalid(
                        "argument 2: ${path} is not available here (available: ${context})"));
    }

    @Test
    void embeddedPlaceholderIsAConfigErrorNamingKeyAndArgument() {
        assertThatThrownBy(() -> CommandTemplate.configured(
                        "commands.context-restart",
                        List.of("machinectl", "reboot", "x${context}y"),
                        CommandTemplate.SYSTEM_ACTION_PLACEHOLDERS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commands.context-restart: argument 3")
                .hasMessageContaining("whole argument");
    }

    @Test
    void unknownPlaceholderAndUnavailablePathAreConfigErrors() {
        var system = CommandTemplate.SYSTEM_ACTION_PLACEHOLDERS;
        assertThatThrownBy(
                        () -> CommandTemplate.configured("commands.platform-restart", List.of("x", "${user}"), system))
                .hasMessageContaining("commands.platform-restart: argument 2: unknown placeholder ${user}");
        assertThatThrownBy(() -> CommandTemplate.configured("commands.factory-reset", List.of("x", "${path}"), system))
                .hasMessageContaining("${path} is not available");
        assertThatThrownBy(() -> CommandTemplate.configured("commands.factory-reset", List.of("${service}"), system))
                .hasMessageContaining("the program (argument 1) must not be a placeholder");
    }

    @Test
    void emptyTemplateMeansNotConfigured() {
        assertThat(CommandTemplate.configured(
                        "commands.factory-reset", List.of(), CommandTemplate.SYSTEM_ACTION_PLACEHOLDERS))
                .isEmpty();
        assertThat(CommandTemplates.defaults().factoryReset()).isEmpty();
        assertThat(CommandTemplates.defaults().contextRestart().map(CommandTemplate::toStrings))
                .isEqualTo(Optional.of(List.of("machinectl", "reboot", "${context}")));
    }

    @Test
    void fromConfigNamesTheOffendingKey() {
        assertThatThrownBy(() -> CommandTemplates.fromConfig(
                        List.of(),
                        List.of("wipe", "--dir=${path}"),
                        List.of(),
                        List.of("systemctl", "reboot"),
                        List.of(),
                        java.time.Duration.ofSeconds(5),
                        100))
                .hasMessageContaining("commands.private-data-reset: argument 2");
    }
}
