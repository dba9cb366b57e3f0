package io.recoverymanager.core.unit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key of a TOML text is written: maps key paths such as {@code relax-time}, {@code
 * action[1]} (the second {@code [[action]]} header) or {@code action[1].retry} to their 1-based line.
 *
 * <p>Jackson's TOML reader produces a tree without locations, so the parser finds lines here by
 * scanning the text itself. The scan understands comments, table and array-of-tables headers, bare,
 * quoted and dotted keys, all four string forms and values spanning several lines; keys inside
 * inline tables are not indexed (their lookups fall back to the enclosing key). It never fails:
 * text it does not understand is skipped to the end of the line.
 *
 * <p>The one TOML position index of the code base: the unit parser and the daemon's configuration
 * loader both find lines with it.
 *
 * <p>Thread-safety: immutable once built.
 */
public final class TomlLineIndex {
    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, Integer> arrayCounts = new HashMap<>();
    private final Map<String, Integer> tableHeaders = new HashMap<>();
    private String firstDuplicateKey;
    private int firstDuplicateLine;
    private Duplicate firstDefinedTwice;

    private final String text;
    private int pos;
    private int line = 1;

    private TomlLineIndex(String text) {
        this.text = text;
    }

    /**
     * A key assigned twice in the same table, or a table header written twice.
     *
     * @param path the key path or table name
     * @param line the 1-based line of the second definition
     * @param firstLine the 1-based line of the first
     * @param table whether a table header was written twice (else a key assigned twice)
     */
    public record Duplicate(String path, int line, int firstLine, boolean table) {}

    /** Indexes a TOML text. */
    public static TomlLineIndex of(String text) {
        TomlLineIndex index = new TomlLineIndex(text);
        index.scan();
        return index;
    }

    /**
     * The line of a key path, falling back to the closest enclosing path that is indexed ({@code
     * action[1].retry}, then {@code action[1]}, then {@code action}); 0 when none is.
     */
    public int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            p = parent(p);
        }
        return 0;
    }

    /** Whether the exact path is written in the text (no fallback). */
    public boolean contains(String path) {
        return lines.containsKey(path);
    }

    /** The first key assigned twice in the same table, as path and line, if any. */
    Optional<Map.Entry<String, Integer>> firstDuplicate() {
        return firstDuplicateKey == null
                ? Optional.empty()
                : Optional.of(Map.entry(firstDuplicateKey, firstDuplicateLine));
    }

    /** The first key assigned twice or table header written twice, in the order of the text. */
    public Optional<Duplicate> firstDefinedTwice() {
        return Optional.ofNullable(firstDefinedTwice);
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private void scan() {
        String table = "";
        while (pos < text.length()) {
            skipBlank();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                newline();
            } else if (c == '#') {
                skipToEndOfLine();
            } else if (c == '[') {
                boolean arrayOfTables = pos + 1 < text.length() && text.charAt(pos + 1) == '[';
                pos += arrayOfTables ? 2 : 1;
                Optional<List<String>> key = readKey(']');
                if (key.isPresent()) {
                    String name = String.join(".", key.get());
                    recordPrefixes("", key.get(), false);
                    if (arrayOfTables) {
                        int n = arrayCounts.merge(name, 1, Integer::sum) - 1;
                        table = name + "[" + n + "]";
                        record(table, false);
                    } else {
                        table = name;
                        Integer first = tableHeaders.putIfAbsent(name, line);
                        if (first != null && firstDefinedTwice == null) {
                            firstDefinedTwice = new Duplicate(name, line, first, true);
                        }
                    }
                }
                skipToEndOfLine();
            } else {
                Optional<List<String>> key = readKey('=');
                if (key.isPresent()) {
                    pos++; // the '='
                    recordPrefixes(table, key.get(), true);
                    skipValue();
                } else {
                    skipToEndOfLine();
                }
            }
        }
    }

    private void recordPrefixes(String table, List<String> key, boolean lastIsAssignment) {
        StringBuilder path = new StringBuilder(table);
        for (int i = 0; i < key.size(); i++) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(key.get(i));
            record(path.toString(), lastIsAssignment && i == key.size() - 1);
        }
    }

    private void record(String path, boolean assignment) {
        Integer previous = lines.putIfAbsent(path, line);
        if (previous != null && assignment && firstDuplicateKey == null) {
            firstDuplicateKey = path;
            firstDuplicateLine = line;
        }
        if (previous != null && assignment && firstDefinedTwice == null) {
            firstDefinedTwice = new Duplicate(path, line, previous, false);
        }
    }

    /** Reads a (possibly dotted, possibly quoted) key up to {@code end}, leaving pos on it. */
    private Optional<List<String>> readKey(char end) {
        List<String> parts = new java.util.ArrayList<>();
        while (true) {
            skipBlank();
            if (pos >= text.length()) {
                return Optional.empty();
            }
            char c = text.charAt(pos);
            StringBuilder part = new StringBuilder();
            if (c == '"' || c == '\'') {
                pos++;
                while (pos < text.length() && text.charAt(pos) != c && text.charAt(pos) != '\n') {
                    if (c == '"' && text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                        pos++;
                    }
                    part.append(text.charAt(pos++));
                }
                if (pos >= text.length() || text.charAt(pos) != c) {
                    return Optional.empty();
                }
                pos++;
            } else {
                while (pos < text.length() && isBareKeyChar(text.charAt(pos))) {
                    part.append(text.charAt(pos++));
                }
                if (part.length() == 0) {
                    return Optional.empty();
                }
            }
            parts.add(part.toString());
            skipBlank();
            if (pos >= text.length()) {
                return Optional.empty();
            }
            char next = text.charAt(pos);
            if (next == '.') {
                pos++;
            } else if (next == end) {
                return Optional.of(parts);
            } else {
                return Optional.empty();
            }
        }
    }

    private static boolean isBareKeyChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** Skips a value up to the end of its (last) line, following strings and brackets. */
    private void skipValue() {
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                if (depth <= 0) {
                    return;
                }
                newline();
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '"' || c == '\'') {
                skipString(c);
            } else {
                if (c == '[' || c == '{') {
                    depth++;
                } else if (c == ']' || c == '}') {
                    depth--;
                }
                pos++;
            }
        }
    }

    private void skipString(char quote) {
        String triple = String.valueOf(quote).repeat(3);
        boolean multiLine = text.startsWith(triple, pos);
        pos += multiLine ? 3 : 1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote == '"' && c == '\\') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                    line++;
                }
                pos += 2;
            } else if (multiLine && text.startsWith(triple, pos)) {
                pos += 3;
                // up to two further quotes belong to the string's content
                for (int extra = 0; extra < 2 && pos < text.length() && text.charAt(pos) == quote; extra++) {
                    pos++;
                }
                return;
            } else if (!multiLine && c == quote) {
                pos++;
                return;
            } else if (c == '\n') {
                if (!multiLine) {
                    return; // unterminated; the TOML reader reports it
                }
                line++;
                pos++;
            } else {
                pos++;
            }
        }
    }

    private void skipBlank() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') {
                pos++;
            } else {
                return;
            }
        }
    }

    private void skipToEndOfLine() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void newline() {
        pos++;
        line++;
    }
}
