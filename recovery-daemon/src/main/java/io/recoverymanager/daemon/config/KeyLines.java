package io.recoverymanager.daemon.config;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line each dotted key of a TOML document is defined on, so that errors found after
 * parsing (the TOML parser keeps no positions) can name the line. A light scan: table headers and
 * {@code key = value} lines outside multi-line strings and arrays; keys inside inline tables map to
 * the line of the table's key.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class KeyLines {
    private static final String KEY = "(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')";
    private static final Pattern HEADER =
            Pattern.compile("^\\[\\[?\\s*(" + KEY + "(?:\\s*\\.\\s*" + KEY + ")*)\\s*]]?");
    private static final Pattern ASSIGNMENT = Pattern.compile("^(" + KEY + "(?:\\s*\\.\\s*" + KEY + ")*)\\s*=(.*)$");

    private final Map<String, Integer> lines = new HashMap<>();
    private Duplicate firstDuplicate;
    private final Map<String, Integer> arrayCounts = new HashMap<>();
    private String arrayElement = "";

    /**
     * A key or table defined twice.
     *
     * @param key the dotted key
     * @param line the line of the second definition
     * @param firstLine the line of the first
     * @param table whether it is a table header
     */
    record Duplicate(String key, int line, int firstLine, boolean table) {}

    KeyLines(String content) {
        String[] rows = content.split("\\R", -1);
        String table = "";
        boolean inArrayTable = false;
        int depth = 0;
        String openString = null;
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].strip();
            int lineNr = i + 1;
            if (openString != null) {
                if (row.contains(openString)) {
                    openString = null;
                }
                continue;
            }
            if (depth > 0) {
                depth = Math.max(0, depth + bracketBalance(row));
                continue;
            }
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            Matcher header = HEADER.matcher(row);
            if (header.find()) {
                table = normalize(header.group(1));
                inArrayTable = row.startsWith("[[");
                if (inArrayTable) {
                    lines.putIfAbsent(table, lineNr);
                    // each element of an array of tables as table[n] (1-based), for per-element errors
                    arrayElement = table + "[" + arrayCounts.merge(table, 1, Integer::sum) + "]";
                    lines.putIfAbsent(arrayElement, lineNr);
                } else {
                    remember(table, lineNr, true);
                }
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(row);
            if (assignment.find()) {
                String key =
                        table.isEmpty() ? normalize(assignment.group(1)) : table + "." + normalize(assignment.group(1));
                if (inArrayTable) {
                    lines.putIfAbsent(key, lineNr);
                    lines.putIfAbsent(arrayElement + "." + normalize(assignment.group(1)), lineNr);
                } else {
                    remember(key, lineNr, false);
                }
                String value = assignment.group(2).strip();
                if (value.startsWith("\"\"\"") || value.startsWith("'''")) {
                    String quote = value.substring(0, 3);
                    if (value.indexOf(quote, 3) < 0) {
                        openString = quote;
                    }
                } else {
                    depth = Math.max(0, bracketBalance(value));
                }
            }
        }
    }

    private void remember(String key, int line, boolean table) {
        Integer first = lines.putIfAbsent(key, line);
        if (first != null && firstDuplicate == null) {
            firstDuplicate = new Duplicate(key, line, first, table);
        }
    }

    /** The first key or table defined twice, if any (arrays of tables may repeat). */
    java.util.Optional<Duplicate> firstDuplicate() {
        return java.util.Optional.ofNullable(firstDuplicate);
    }

    /** The line a key is on; for an unknown key the line of its nearest known parent; else 0. */
    int lineOf(String dottedKey) {
        String key = dottedKey;
        while (true) {
            Integer line = lines.get(key);
            if (line != null) {
                return line;
            }
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                return 0;
            }
            key = key.substring(0, dot);
        }
    }

    private static String normalize(String dotted) {
        StringBuilder b = new StringBuilder();
        for (String part : dotted.split("\\s*\\.\\s*(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)")) {
            if (b.length() > 0) {
                b.append('.');
            }
            String p = part.strip();
            if (p.length() >= 2 && (p.startsWith("\"") || p.startsWith("'"))) {
                p = p.substring(1, p.length() - 1);
            }
            b.append(p);
        }
        return b.toString();
    }

    /** Opening minus closing brackets outside strings and comments. */
    private static int bracketBalance(String text) {
        int balance = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                break;
            } else if (c == '[' || c == '{') {
                balance++;
            } else if (c == ']' || c == '}') {
                balance--;
            }
        }
        return balance;
    }
}
