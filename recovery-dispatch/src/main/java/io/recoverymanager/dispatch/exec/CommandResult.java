package io.recoverymanager.dispatch.exec;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a command ran.
 *
 * @param argv what was run
 * @param exitCode the exit code, empty when it timed out or could not start
 * @param timedOut whether it was killed at the timeout
 * @param output the first bytes of its combined stdout/stderr (lossy UTF-8)
 * @param truncated whether output was cut
 * @param startError why it could not start, or empty
 *     <p>Thread-safety: immutable.
 */
public record CommandResult(
        List<String> argv,
        OptionalInt exitCode,
        boolean timedOut,
        String output,
        boolean truncated,
        String startError) {
    public CommandResult {
        argv = List.copyOf(argv);
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(startError, "startError");
    }

    /** True when it started, finished in time and exited 0. */
    public boolean succeeded() {
        return exitCode.isPresent() && exitCode.getAsInt() == 0;
    }

    /** True when the process was started at all. */
    public boolean started() {
        return startError.isEmpty();
    }

    /** A one-line-ish description for the history: command, exit code, output. */
    public String describe() {
        StringBuilder b = new StringBuilder("command ").append(argv);
        if (!startError.isEmpty()) {
            return b.append(" could not start: ").append(startError).toString();
        }
        if (timedOut) {
            b.append(" timed out and was killed");
        } else {
            b.append(" exited ").append(exitCode.orElse(-1));
        }
        String out = output.strip();
        if (!out.isEmpty()) {
            b.append("; output: ").append(out);
            if (truncated) {
                b.append(" ...[truncated]");
            }
        }
        return b.toString();
    }
}
