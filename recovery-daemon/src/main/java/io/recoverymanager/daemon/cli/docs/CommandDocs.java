package io.recoverymanager.daemon.cli.docs;

import io.recoverymanager.daemon.cli.BuildVersion;
import io.recoverymanager.daemon.cli.RecoveryManagerCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the generated documentation into a directory: {@code recoverymanager.1} (the man page,
 * {@link ManPage}), {@code recoverymanager.bash} (bash completion by {@link AutoComplete}) and
 * {@code _recoverymanager} (zsh completion: the same script loaded through zsh's {@code
 * bashcompinit}). The build runs it before packaging; the tarball and the Debian package ship the
 * files.
 *
 * <p>Thread-safety: stateless.
 */
public final class CommandDocs {
    private CommandDocs() {}

    /**
     * Generates the files.
     *
     * @param args the output directory, then optionally the version and the date (YYYY-MM-DD) of
     *     the page
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: CommandDocs OUTPUT_DIR [VERSION [DATE]]");
        }
        Path out = Path.of(args[0]);
        String version = args.length > 1 ? args[1] : BuildVersion.current();
        String date = args.length > 2 ? args[2] : LocalDate.now(ZoneOffset.UTC).toString();
        write(out, version, date);
    }

    /** Writes the three files into {@code out} (created if missing). */
    public static void write(Path out, String version, String date) throws IOException {
        Files.createDirectories(out);
        CommandLine cl = RecoveryManagerCommand.commandLine(io.recoverymanager.daemon.cli.CliEnvironment.system());
        Files.writeString(out.resolve("recoverymanager.1"), ManPage.render(cl, version, date), StandardCharsets.UTF_8);
        String bash = AutoComplete.bash("recoverymanager", cl);
        Files.writeString(out.resolve("recoverymanager.bash"), bash, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("_recoverymanager"), zsh(bash), StandardCharsets.UTF_8);
    }

    /**
     * The zsh completion function file: zsh loads it from {@code fpath} as the body of {@code
     * _recoverymanager}; it defines picocli's completion through {@code bashcompinit} once, then
     * completes the current word with it.
     */
    static String zsh(String bashScript) {
        return "#compdef recoverymanager\n"
                + "# zsh completion of recoverymanager, generated from the picocli command definitions.\n"
                + "# picocli's script works in zsh through bashcompinit.\n"
                + "if (( ! $+functions[_complete_recoverymanager] )); then\n"
                + "  autoload -U +X bashcompinit && bashcompinit\n"
                + "  # bash's compopt has no zsh counterpart (picocli's alias for it is not seen inside a function)\n"
                + "  (( $+functions[compopt] )) || compopt() { return 0; }\n"
                + "  _recoverymanager_script() {\n"
                + bashScript
                + "\n  }\n"
                + "  _recoverymanager_script\n"
                + "fi\n"
                + "_bash_complete -F _complete_recoverymanager \"$@\"\n";
    }
}
