package io.recoverymanager.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.daemon.config.CommandTemplate.Placeholder;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {
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
}
