package io.recoverymanager.daemon.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code recoverymanager}: the daemon and its operator commands. Exit codes follow sysexits(3): 64
 * for a wrong command line, 65 for bad input data, 69 when the daemon or database is unavailable,
 * 70 for internal errors, 78 for a bad configuration; {@code check} exits 1 when a unit is invalid.
 *
 * <p>Thread-safety: one instance per process invocation, used from the main thread.
 */
@Command(
        name = "recoverymanager",
        mixinStandardHelpOptions = true,
        versionProvider = RecoveryManagerCommand.Version.class,
        description = "Recovers failing systemd services by escalating through a ladder of recovery actions.")
public final class RecoveryManagerCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order {@code --help} lists them. Added by {@link #commandLine}, not
     * named in the annotation: picocli builds a command's model by reflection when it is added,
     * about half a second for all of them on a small machine, so a command line that names one
     * builds only that one (issue 11, P5: {@code run} starts the daemon).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            RunCommand.class,
            CheckCommand.class,
            SimulateCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            ExplainCommand.class,
            ResetCommand.class,
            ReportCrashCommand.class,
            ConvertCommand.class,
            DemoCommand.class);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    /** The command with the production environment. */
    public RecoveryManagerCommand() {
        this(CliEnvironment.system());
    }

    public RecoveryManagerCommand(CliEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The environment the subcommands use. */
    public CliEnvironment environment() {
        return environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The command line with every subcommand and the sysexits error handling installed. */
    public static CommandLine commandLine(CliEnvironment environment) {
        return commandLine(environment, SUBCOMMANDS);
    }

    /**
     * The command line that runs {@code args}: with only the subcommand its first argument names,
     * else (help, version, a mistyped or missing subcommand) with all of them, so usage and
     * suggestions list every one.
     */
    static CommandLine commandLineFor(CliEnvironment environment, String... args) {
        if (args.length > 0) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                    return commandLine(environment, List.of(subcommand));
                }
            }
        }
        return commandLine(environment);
    }

    private static CommandLine commandLine(CliEnvironment environment, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new RecoveryManagerCommand(environment));
        subcommands.forEach(cl::addSubcommand);
        cl.setParameterExceptionHandler(RecoveryManagerCommand::onParameterError);
        cl.setExecutionExceptionHandler(RecoveryManagerCommand::onExecutionError);
        return cl;
    }

    /** Runs the command line with the given output streams; returns the exit code. */
    public static int execute(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLineFor(environment, args);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int onParameterError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("recoverymanager: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    private static int onExecutionError(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof CliException cli) {
            String prefix = cl.getCommandSpec().qualifiedName() + ": ";
            for (String line : String.valueOf(cli.getMessage()).split("\n")) {
                err.println(prefix + line);
            }
            return cli.exitCode();
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": internal error: " + e);
        e.printStackTrace(err);
        return ExitCodes.SOFTWARE;
    }

    /** The version from the jar manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RecoveryManagerCommand.class.getPackage().getImplementationVersion();
            return new String[] {"recoverymanager " + (v == null ? "(development build)" : v)};
        }
    }
}
