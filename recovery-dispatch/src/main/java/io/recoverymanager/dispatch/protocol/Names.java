package io.recoverymanager.dispatch.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validation of the context names peers claim at hello.
 *
 * <p>Thread-safety: stateless.
 */
public final class Names {
    private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Names() {}

    /**
     * Why a context name is unacceptable, or empty: 1 to 64 characters of letters, digits, {@code .},
     * {@code _} and {@code -}, starting with a letter or digit (every hostname label qualifies).
     */
    public static Optional<String> contextProblem(String context) {
        if (CONTEXT.matcher(context).matches()) {
            return Optional.empty();
        }
        return Optional.of("context name '" + printable(context)
                + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    /**
     * A peer-supplied string made safe for one log line: control characters become {@code ?} and
     * anything beyond 120 characters is cut, so a peer cannot forge log lines.
     */
    public static String printable(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 121));
        for (int i = 0; i < text.length() && i < 120; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (text.length() > 120) {
            b.append('…');
        }
        return b.toString();
    }
}
