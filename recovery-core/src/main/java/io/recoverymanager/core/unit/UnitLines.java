package io.recoverymanager.core.unit;

/**
 * Where a key of a unit's TOML text is written, for messages about a valid unit located like parse
 * errors ({@code file:line: key: reason}).
 *
 * <p>Thread-safety: stateless.
 */
public final class UnitLines {
    private UnitLines() {}

    /**
     * The 1-based line of a key path such as {@code action[1].type} or {@code public-data}, falling
     * back to the closest enclosing key written; 0 when none is.
     */
    public static int lineOf(String content, String keyPath) {
        return TomlLineIndex.of(content).lineOf(keyPath);
    }
}
