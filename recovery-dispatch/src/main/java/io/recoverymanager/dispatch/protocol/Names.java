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
        return Optional.of("context name '" + context
                + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
}
