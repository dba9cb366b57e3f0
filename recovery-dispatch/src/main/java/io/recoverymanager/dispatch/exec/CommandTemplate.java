package io.recoverymanager.dispatch.exec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An argv template: a command and its arguments, where an argument that is exactly {@code
 * ${service}}, {@code ${context}} or {@code ${path}} is replaced by that value as a whole argument.
 * The command never passes through a shell.
 *
 * <p>Decision: an argument that contains <code>${</code> anywhere else (such as {@code x${service}y} or
 * {@code ${unknown}}) is rejected when the template is built, so an operator learns at startup
 * rather than seeing a literal placeholder reach a command. A template may only use the placeholders
 * its action provides ({@code ${path}} only for data resets).
 *
 * <p>Thread-safety: immutable.
 *
 * @param argv the arguments; empty means "not configured"
 */
public record CommandTemplate(List<String> argv) {

    /** The values a template can refer to. */
    public enum Placeholder {
        SERVICE("${service}"),
        CONTEXT("${context}"),
        PATH("${path}");

        private final String token;

        Placeholder(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    public CommandTemplate {
        argv = List.copyOf(argv);
    }

    /** An unconfigured (empty) template. */
    public static CommandTemplate none() {
        return new CommandTemplate(List.of());
    }

    /**
     * Validates and builds a template.
     *
     * @param key the configuration key, for error messages (e.g. {@code commands.context-restart})
     * @param argv the configured arguments
     * @param allowed the placeholders this action provides
     * @throws IllegalArgumentException naming the key, the argument index and the reason
     */
    public static CommandTemplate parse(String key, List<String> argv, Set<Placeholder> allowed) {
        Objects.requireNonNull(argv, key);
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg == null) {
                throw new IllegalArgumentException(key + "[" + i + "]: null argument");
            }
            if (i == 0 && (arg.isEmpty() || arg.contains("${"))) {
                throw new IllegalArgumentException(
                        key + "[0]: the command must be a fixed, non-empty program name, was '" + arg + "'");
            }
            if (!arg.contains("${")) {
                continue;
            }
            Placeholder p = placeholder(arg);
            if (p == null) {
                throw new IllegalArgumentException(key + "[" + i + "]: '" + arg
                        + "': a placeholder must be a whole argument, one of ${service}, ${context}, ${path}");
            }
            if (!allowed.contains(p)) {
                throw new IllegalArgumentException(
                        key + "[" + i + "]: " + p.token() + " is not available for this command; allowed: " + allowed);
            }
        }
        return new CommandTemplate(argv);
    }

    /** Convenience for system actions, which provide service and context but no path. */
    public static CommandTemplate parseSystem(String key, List<String> argv) {
        return parse(key, argv, EnumSet.of(Placeholder.SERVICE, Placeholder.CONTEXT));
    }

    /** Convenience for data resets, which provide all three placeholders. */
    public static CommandTemplate parseDataReset(String key, List<String> argv) {
        return parse(key, argv, EnumSet.allOf(Placeholder.class));
    }

    public boolean isEmpty() {
        return argv.isEmpty();
    }

    /**
     * The argv with placeholders replaced.
     *
     * @throws IllegalArgumentException if a used placeholder has no value
     */
    public List<String> render(Map<Placeholder, String> values) {
        List<String> out = new ArrayList<>(argv.size());
        for (String arg : argv) {
            Placeholder p = placeholder(arg);
            if (p == null) {
                out.add(arg);
            } else {
                String value = values.get(p);
                if (value == null) {
                    throw new IllegalArgumentException("no value for " + p.token());
                }
                out.add(value);
            }
        }
        return out;
    }

    private static Placeholder placeholder(String arg) {
        for (Placeholder p : Placeholder.values()) {
            if (p.token.equals(arg)) {
                return p;
            }
        }
        return null;
    }
}
