package io.recoverymanager.core.unit;

import java.util.Objects;

/**
 * One problem found in a recovery unit file.
 *
 * @param source the file (or other source) name
 * @param line the 1-based line the problem is on, or 0 when the parser cannot tell
 * @param key the TOML key concerned (dotted path such as {@code action[2].retry}), or empty
 * @param reason what is wrong, in words an operator understands
 *     <p>Thread-safety: immutable.
 */
public record UnitError(String source, int line, String key, String reason) {
    public UnitError {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code file:line: key: reason}, leaving out what is unknown. */
    @Override
    public String toString() {
        return describe(source, line, key, reason);
    }

    /**
     * The one format for a located problem in any input file (units, configuration, converted
     * units): {@code file:line: key: reason}, leaving out the line when 0 and the key when empty.
     */
    public static String describe(String source, int line, String key, String reason) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (!key.isEmpty()) {
            b.append(key).append(": ");
        }
        return b.append(reason).toString();
    }
}
