package io.recoverymanager.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An element of an old-format unit: name, attributes in document order, text, the line it starts
 * on and its child elements.
 *
 * <p>Thread-safety: not thread-safe while being built by the reader; treat as read-only after.
 */
final class LegacyElement {
    final String name;
    final int line;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final StringBuilder text = new StringBuilder();
    final List<LegacyElement> children = new ArrayList<>();

    LegacyElement(String name, int line) {
        this.name = name;
        this.line = line;
    }

    /** The text with surrounding whitespace removed and inner runs of whitespace collapsed. */
    String trimmedText() {
        return text.toString().strip().replaceAll("\\s+", " ");
    }
}
