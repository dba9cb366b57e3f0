package io.recoverymanager.dispatch.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.dispatch.exec.CommandTemplate.Placeholder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    @Test
    void replacesWholeArgumentsOnlyAndKeepsValuesAsSingleArguments() {
        CommandTemplate t = CommandTemplate.parseDataReset(
                "commands.public-data-reset", List.of("wipe", "--service", "${service}", "${path}", "$HOME"));
        List<String> argv = t.render(
                Map.of(Placeholder.SERVICE, "a b; rm -rf /", Placeholder.CONTEXT, "c", Placeholder.PATH, "/srv/x y"));
        assertThat(argv).containsExactly("wipe", "--service", "a b; rm -rf /", "/srv/x y", "$HOME");
    }

    @Test
    void embeddedPlaceholderIsAConfigErrorNamingKeyAndIndex() {
        assertThatThrownBy(() -> CommandTemplate.parseSystem(
                        "commands.context-restart", List.of("machinectl", "reboot", "x${context}y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commands.context-restart[2]")
                .hasMessageContaining("whole argument");
    }

    @Test
    void unknownPlaceholderAndUnavailablePathAreConfigErrors() {
        assertThatThrownBy(() -> CommandTemplate.parseSystem("commands.platform-restart", List.of("x", "${user}")))
                .hasMessageContaining("commands.platform-restart[1]");
        assertThatThrownBy(() -> CommandTemplate.parseSystem("commands.factory-reset", List.of("x", "${path}")))
                .hasMessageContaining("${path} is not available");
        assertThatThrownBy(() -> CommandTemplate.parseSystem("commands.factory-reset", List.of("${service}")))
                .hasMessageContaining("[0]");
    }

    @Test
    void emptyTemplateMeansNotConfigured() {
        assertThat(CommandTemplate.parseSystem("commands.factory-reset", List.of())
                        .isEmpty())
                .isTrue();
        assertThat(CommandTemplates.defaults().factoryReset().isEmpty()).isTrue();
        assertThat(CommandTemplates.defaults().contextRestart().argv())
                .containsExactly("machinectl", "reboot", "${context}");
    }
}
