package io.recoverymanager.daemon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process with captured output. */
final class CliRunner {
    /** What a run produced. */
    record Result(int exitCode, String out, String err) {}

    private CliRunner() {}

    static Result run(CliEnvironment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RecoveryManagerCommand.execute(env, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
