package io.recoverymanager.migrate;

import io.recoverymanager.core.unit.UnitError;
import java.util.Objects;

/**
 * Something in an old-format unit that cannot be converted.
 *
 * @param source the file name
 * @param line the 1-based line, or 0 when unknown
 * @param element the element (and attribute) concerned, e.g. {@code action[2] type}, or empty
 * @param reason what is wrong
 *     <p>Thread-safety: immutable.
 */
public record ConversionError(String source, int line, String element, String reason) {
    public ConversionError {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code file:line: element: reason}, leaving out what is unknown. */
    @Override
    public String toString() {
        return UnitError.describe(source, line, element, reason);
    }
}
