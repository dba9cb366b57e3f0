package io.recoverymanager.daemon.cli.docs;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code recoverymanager(1)} in troff ({@code man(7)} macros) from the picocli model: the
 * synopsis, every command with its synopsis, description, parameters and options, exit status and
 * files. (picocli-codegen's generator writes AsciiDoc, which needs asciidoctor to become a man page;
 * this writes the man page itself.)
 *
 * <p>Thread-safety: stateless.
 */
public final class ManPage {
    private ManPage() {}

    /** The page for the command line. */
    public static String render(CommandLine root, String version, String date) {
        CommandSpec spec = root.getCommandSpec();
        StringBuilder b = new StringBuilder(16_384);
        b.append(".\\\" Generated from the picocli command definitions; do not edit.\n");
        b.append(".TH RECOVERYMANAGER 1 \"")
                .append(date)
                .append("\" \"recoverymanager ")
                .append(escape(version))
                .append("\" \"User Commands\"\n");
        b.append(".nh\n.ad l\n"); // options and paths must not be hyphenated or stretched
        b.append(".SH NAME\nrecoverymanager \\- ")
                .append(escape(String.join(" ", spec.usageMessage().description())))
                .append('\n');
        b.append(".SH SYNOPSIS\n");
        for (CommandLine sub : root.getSubcommands().values()) {
            b.append(".B recoverymanager ").append(sub.getCommandName()).append('\n');
            b.append(escape(synopsisArguments(sub))).append("\n.br\n");
        }
        b.append(".SH DESCRIPTION\n")
                .append("Recovers failing systemd services by escalating through a ladder of recovery actions"
                        + " (restart the service, reset its data, disable it, restart its container, restart the"
                        + " platform, factory reset), one TOML recovery unit per service. The daemon is")
                .append("\n.BR \"recoverymanager run\" ;\n")
                .append("the other commands validate units, simulate a ladder, read the state and history, explain"
                        + " an action, and talk to the running daemon.\n");
        b.append(".SH COMMANDS\n");
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            b.append(".SS ").append(escape(sub.getCommandName())).append('\n');
            b.append(".B recoverymanager ")
                    .append(escape(sub.getCommandName()))
                    .append('\n')
                    .append(escape(synopsisArguments(sub)))
                    .append("\n.PP\n");
            b.append(escape(String.join(" ", s.usageMessage().description()))).append('\n');
            for (PositionalParamSpec p : s.positionalParameters()) {
                b.append(".TP\n.I ")
                        .append(escape(p.paramLabel()))
                        .append('\n')
                        .append(escape(String.join(" ", p.description())))
                        .append('\n');
            }
            for (OptionSpec o : s.options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                b.append(".TP\n").append(optionLabel(o)).append('\n');
                b.append(escape(String.join(" ", o.description())
                                .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))))
                        .append('\n');
            }
        }
        b.append(".SH OPTIONS\n.TP\n.BR \\-h \", \" \\-\\-help\nShow the help of the command and exit.\n")
                .append(".TP\n.BR \\-V \", \" \\-\\-version\nPrint the version and exit.\n");
        b.append(".SH EXIT STATUS\n")
                .append("Exit codes follow sysexits(3):\n")
                .append(".TP\n.B 0\nsuccess\n")
                .append(".TP\n.B 1\n.B check\nfound an invalid unit\n")
                .append(".TP\n.B 64\na wrong command line\n")
                .append(".TP\n.B 65\nbad input data\n")
                .append(".TP\n.B 66\na missing input file\n")
                .append(".TP\n.B 69\nthe daemon or the database is unavailable\n")
                .append(".TP\n.B 70\nan internal error\n")
                .append(".TP\n.B 77\npermission denied (control socket)\n")
                .append(".TP\n.B 78\na bad configuration\n");
        b.append(".SH FILES\n")
                .append(".TP\n.I /etc/recoverymanager/recoverymanager.toml\nthe configuration\n")
                .append(".TP\n.I /etc/recoverymanager/units/\nthe recovery units, one *.toml per service\n")
                .append(".TP\n.I /var/lib/recoverymanager/recoverymanager.db\nrvectors, history, pending actions\n")
                .append(".TP\n.I /run/recoverymanager/control.sock\nthe control socket of the running daemon\n");
        b.append(".SH SEE ALSO\n.BR systemctl (1),\n.BR journalctl (1),\n.BR systemd.service (5)\n");
        return b.toString();
    }

    /** The arguments of a command's synopsis, without the command names. */
    static String synopsisArguments(CommandLine command) {
        Help help = new Help(command.getCommandSpec(), new Help.ColorScheme.Builder(Help.Ansi.OFF).build());
        String synopsis = help.synopsis(0).strip().replaceAll("\\s+", " ");
        String prefix = command.getCommandSpec().qualifiedName();
        return synopsis.startsWith(prefix) ? synopsis.substring(prefix.length()).strip() : synopsis;
    }

    private static String optionLabel(OptionSpec o) {
        String names = "\\fB" + escape(String.join(", ", o.names())) + "\\fR";
        return o.arity().max() > 0 ? names + " \\fI" + escape(o.paramLabel()) + "\\fR" : names;
    }

    /** Escapes text for troff: backslashes, dashes, and a leading dot or quote. */
    static String escape(String text) {
        String t = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder b = new StringBuilder(t.length() + 8);
        for (String line : t.split("\n", -1)) {
            if (b.length() > 0) {
                b.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                b.append("\\&");
            }
            b.append(line);
        }
        return b.toString();
    }
}
