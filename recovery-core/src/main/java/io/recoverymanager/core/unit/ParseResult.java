package io.recoverymanager.core.unit;

import java.util.List;

/**
 * The outcome of parsing one unit file: a valid unit, or every error found in it.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface ParseResult {
    /** The source (file name) parsed. */
    String source();

    /** A unit that passed validation. */
    record Valid(String source, RecoveryUnit unit) implements ParseResult {}

    /** A file that failed validation, with all its errors (never empty). */
    record Invalid(String source, List<UnitError> errors) implements ParseResult {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one error");
            }
        }
    }
}
