package io.recoverymanager.daemon.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.daemon.cli.CliEnvironment;
import io.recoverymanager.daemon.cli.RecoveryManagerCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The generated man page renders cleanly and documents every command; the bash completion completes
 * commands and their options in a real bash; each command offers only the options it uses.
 */
class CommandDocsTest {
    @TempDir
    Path tmp;

    private record Output(int exitCode, String out, String err) {}

    private static Output run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Output(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void theManPageRendersWithoutWarningsAndDocumentsEveryCommandAndOption() throws Exception {
        CommandDocs.write(tmp, "1.2.3", "2026-12-02");
        Path page = tmp.resolve("recoverymanager.1");

        Output rendered = run(List.of("groff", "-man", "-Tutf8", "-ww", page.toString()));

        assertThat(rendered.exitCode()).isZero();
        assertThat(rendered.err()).as("groff warnings").isEmpty();
        String text = rendered.out().replaceAll(".\b", "").replaceAll("\\s+", " ");
        CommandLine cl = RecoveryManagerCommand.commandLine(CliEnvironment.system());
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            assertThat(text).contains("recoverymanager " + sub.getKey());
            for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
                assertThat(text).as(sub.getKey() + " " + option.longestName()).contains(option.longestName());
            }
        }
        assertThat(text)
                .contains("RECOVERYMANAGER(1)")
                .contains("recoverymanager 1.2.3")
                .contains("EXIT STATUS");
        assertThat(text).as("no hyphenation splits an option").doesNotContain("\u2010 ");
    }

    @Test
    void bashCompletesCommandsAndTheOptionsOfACommand() throws Exception {
        CommandDocs.write(tmp, "1.2.3", "2026-12-02");
        Path script = tmp.resolve("recoverymanager.bash");

        Output commands = run(List.of(
                "bash",
                "-c",
                "source \"$1\" && complete -p recoverymanager && COMP_WORDS=(recoverymanager ex) COMP_CWORD=1"
                        + " && COMP_LINE='recoverymanager ex' COMP_POINT=18 && _complete_recoverymanager"
                        + " && echo \"${COMPREPLY[@]}\"",
                "bash",
                script.toString()));
        Output options = run(List.of(
                "bash",
                "-c",
                "source \"$1\" && COMP_WORDS=(recoverymanager history --b) COMP_CWORD=2"
                        + " && COMP_LINE='recoverymanager history --b' COMP_POINT=27 && _complete_recoverymanager"
                        + " && echo \"${COMPREPLY[@]}\"",
                "bash",
                script.toString()));

        assertThat(commands.exitCode()).as(commands.err()).isZero();
        assertThat(commands.out())
                .contains("-F _complete_recoverymanager recoverymanager")
                .contains("explain");
        assertThat(options.out().strip()).isEqualTo("--boot");
        assertThat(Files.readString(tmp.resolve("_recoverymanager"))).startsWith("#compdef recoverymanager\n");
    }

    @Test
    void eachCommandOffersOnlyTheOptionsItUses() {
        CommandLine cl = RecoveryManagerCommand.commandLine(CliEnvironment.system());
        assertThat(options(cl, "history"))
                .containsExactlyInAnyOrder(
                        "--config",
                        "--state-dir",
                        "--runtime-dir",
                        "--json",
                        "--service",
                        "--since",
                        "--boot",
                        "--kind",
                        "--limit");
        assertThat(options(cl, "explain"))
                .containsExactlyInAnyOrder("--config", "--state-dir", "--runtime-dir", "--boot", "--json");
        assertThat(options(cl, "status"))
                .containsExactlyInAnyOrder("--config", "--state-dir", "--runtime-dir", "--mode", "--json");
        assertThat(options(cl, "reset")).containsExactlyInAnyOrder("--config", "--runtime-dir");
        assertThat(options(cl, "report-crash"))
                .containsExactlyInAnyOrder("--config", "--runtime-dir", "--process", "--context");
        // check reads the units (and the directories the config protects), never the bus or the mode
        assertThat(options(cl, "check"))
                .containsExactlyInAnyOrder("--config", "--units-dir", "--state-dir", "--runtime-dir", "--json");
        assertThat(options(cl, "run"))
                .contains("--bus", "--units-dir", "--state-dir", "--runtime-dir", "--mode", "--log-level");
    }

    private static List<String> options(CommandLine cl, String command) {
        return cl.getSubcommands().get(command).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(OptionSpec::longestName)
                .toList();
    }
}
