package io.recoverymanager.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line of the C implementation (which ran it with {@code sh -c}) into argv by the
 * shell's word rules, but only when the shell did nothing more than split words: single and double
 * quotes and backslash escapes are honoured; anything the shell would have interpreted (pipes,
 * {@code ;}, {@code &&}, redirections, globs, {@code $(...)}, backticks, variables, comments) is
 * refused with the reason, because commands now run as argv without a shell.
 *
 * <p>Thread-safety: stateless.
 */
final class ShellWords {
    private ShellWords() {}

    /** The outcome of {@link #split}. */
    sealed interface Split {
        /** The words, each a whole argument, quotes removed. */
        record Words(List<String> words) implements Split {
            public Words {
                words = List.copyOf(words);
            }
        }

        /** The command needs a shell; {@code what} names the construct, e.g. "a pipe '|'". */
        record NeedsShell(String what) implements Split {}
    }

    /**
     * Splits {@code line} into words. {@code ${name}} (braces, letters and underscores) is kept
     * as written, for the caller to map onto placeholders; any other {@code $} needs a shell.
     */
    static Split split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
                continue;
            }
            switch (c) {
                case '\'' -> {
                    int end = line.indexOf('\'', i + 1);
                    if (end < 0) {
                        return new Split.NeedsShell("an unterminated single quote");
                    }
                    word.append(line, i + 1, end);
                    inWord = true;
                    i = end + 1;
                }
                case '"' -> {
                    int j = i + 1;
                    while (true) {
                        if (j >= n) {
                            return new Split.NeedsShell("an unterminated double quote");
                        }
                        char d = line.charAt(j);
                        if (d == '"') {
                            break;
                        }
                        if (d == '\\' && j + 1 < n && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
                            word.append(line.charAt(j + 1));
                            j += 2;
                            continue;
                        }
                        if (d == '`') {
                            return new Split.NeedsShell("command substitution with backticks");
                        }
                        if (d == '$') {
                            int after = placeholderEnd(line, j);
                            if (after < 0) {
                                return new Split.NeedsShell(dollar(line, j));
                            }
                            word.append(line, j, after);
                            j = after;
                            continue;
                        }
                        word.append(d);
                        j++;
                    }
                    inWord = true;
                    i = j + 1;
                }
                case '\\' -> {
                    if (i + 1 >= n) {
                        return new Split.NeedsShell("a trailing backslash");
                    }
                    word.append(line.charAt(i + 1));
                    inWord = true;
                    i += 2;
                }
                case '$' -> {
                    int after = placeholderEnd(line, i);
                    if (after < 0) {
                        return new Split.NeedsShell(dollar(line, i));
                    }
                    word.append(line, i, after);
                    inWord = true;
                    i = after;
                }
                default -> {
                    String construct = construct(c, inWord);
                    if (construct != null) {
                        return new Split.NeedsShell(construct);
                    }
                    word.append(c);
                    inWord = true;
                    i++;
                }
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new Split.Words(words);
    }

    /** The end of a {@code ${name}} starting at {@code at}, or -1 when it is another expansion. */
    private static int placeholderEnd(String line, int at) {
        if (at + 1 >= line.length() || line.charAt(at + 1) != '{') {
            return -1;
        }
        int close = line.indexOf('}', at + 2);
        if (close < 0 || close == at + 2) {
            return -1;
        }
        for (int k = at + 2; k < close; k++) {
            char ch = line.charAt(k);
            if (!(Character.isLetter(ch) || ch == '_')) {
                return -1;
            }
        }
        return close + 1;
    }

    private static String dollar(String line, int at) {
        if (at + 1 < line.length() && line.charAt(at + 1) == '(') {
            return "command substitution '$(...)'";
        }
        return "a shell expansion '$'";
    }

    private static String construct(char c, boolean inWord) {
        return switch (c) {
            case '|' -> "a pipe '|'";
            case ';' -> "a command separator ';'";
            case '&' -> "'&' (background or '&&')";
            case '<', '>' -> "a redirection '" + c + "'";
            case '`' -> "command substitution with backticks";
            case '*', '?', '[' -> "a glob '" + c + "'";
            case '(', ')' -> "a subshell or grouping '" + c + "'";
            case '{', '}' -> "brace expansion or grouping '" + c + "'";
            case '~' -> inWord ? null : "tilde expansion '~'";
            case '#' -> inWord ? null : "a comment '#'";
            case '\n', '\r' -> "a line break";
            default -> null;
        };
    }
}
