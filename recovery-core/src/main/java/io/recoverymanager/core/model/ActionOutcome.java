package io.recoverymanager.core.model;

import java.util.Objects;

/**
 * How a carried-out (or forwarded) action ended.
 *
 * @param success whether it succeeded (for a forwarded action: whether the master accepted it)
 * @param detail what happened: command exit code and output, refusal reason, ...
 *     <p>Thread-safety: immutable.
 */
public record ActionOutcome(boolean success, String detail) {
    public ActionOutcome {
        Objects.requireNonNull(detail, "detail");
    }

    public static ActionOutcome ok(String detail) {
        return new ActionOutcome(true, detail);
    }

    public static ActionOutcome failed(String detail) {
        return new ActionOutcome(false, detail);
    }
}
