package io.recoverymanager.core.unit;

/**
 * Parses and strictly validates TOML recovery units. STUB: replaced by the unit-format work.
 *
 * <p>Thread-safety: immutable, safe for concurrent use.
 */
public final class UnitParser {
    /** Parses the content of one unit file; {@code source} names it in errors. */
    public ParseResult parse(String source, String content) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
