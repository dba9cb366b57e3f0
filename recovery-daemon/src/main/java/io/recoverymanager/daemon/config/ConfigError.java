package io.recoverymanager.daemon.config;

import io.recoverymanager.core.unit.UnitError;
import java.util.Objects;

/**
 * One problem found in a configuration file.
 *
 * @param source the file (or other source) name
 * @param line the 1-based line, or 0 when unknown
 * @param key the dotted key concerned (e.g. {@code ipc.timeout}), or empty
 * @param reason what is wrong
 *     <p>Thread-safety: immutable.
 */
public record ConfigError(String source, int line, String key, String reason) {
    public ConfigError {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code file:line: key: reason}, leaving out what is unknown. */
    @Override
    public String toString() {
        return UnitError.describe(source, line, key, reason);
    }
}
