package io.recoverymanager.dispatch.exec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An external command as an argv template: the one type for a configured command, parsed once from
 * the configuration and run by the executors. Placeholders ({@code ${service}}, {@code ${context}},
 * {@code ${path}}) may only stand for a whole argument, never inside one and never as the program:
 * values taken from units or messages are passed as single arguments and never reach a shell.
 *
 * <p>Decision: an argument that contains a placeholder anywhere else (such as {@code x${service}y})
 * or an unknown one (such as {@code ${user}}) is rejected when the template is parsed, so an operator
 * learns at startup rather than seeing a literal placeholder reach a command. A template may only use
 * the placeholders its action provides ({@code ${path}} only for data resets).
 *
 * <p>Thread-safety: immutable.
 *
 * @param argv the arguments, program first; non-empty
 */
public record CommandTemplate(List<Argument> argv) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    public CommandTemplate {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        if (!(argv.get(0) instanceof Literal program) || program.text().isEmpty()) {
            throw new IllegalArgumentException("the program must be a non-empty literal");
        }
    }

    /** The placeholders a system action's command may use: service and context. */
    public static final Set<Placeholder> SYSTEM_ACTION_PLACEHOLDERS =
            java.util.Collections.unmodifiableSet(EnumSet.of(Placeholder.SERVICE, Placeholder.CONTEXT));

    /** The placeholders a data reset's command may use: all three. */
    public static final Set<Placeholder> DATA_RESET_PLACEHOLDERS =
            java.util.Collections.unmodifiableSet(EnumSet.allOf(Placeholder.class));

    /** A placeholder name and the value that replaces it. */
    public enum Placeholder {
        SERVICE("service"),
        CONTEXT("context"),
        PATH("path");

        private final String templateName;

        Placeholder(String templateName) {
            this.templateName = templateName;
        }

        /** The name between {@code ${} and {@code }}. */
        public String templateName() {
            return templateName;
        }

        static Optional<Placeholder> byName(String name) {
            for (Placeholder p : values()) {
                if (p.templateName.equals(name)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** One argument of a template. */
    public sealed interface Argument {}

    /** An argument passed as written. */
    public record Literal(String text) implements Argument {
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An argument replaced by a value. */
    public record Variable(Placeholder placeholder) implements Argument {
        public Variable {
            Objects.requireNonNull(placeholder, "placeholder");
        }
    }

    /**
     * Builds a template from the strings of a configuration array, checking that placeholders are
     * known, allowed here, and whole arguments.
     *
     * @param strings the array's strings
     * @param allowed the placeholders this command may use
     * @return the template, or the reason it is invalid
     */
    public static Parsed parse(List<String> strings, Set<Placeholder> allowed) {
        if (strings.isEmpty()) {
            return new Parsed.Invalid("the command is empty");
        }
        List<Argument> args = new ArrayList<>(strings.size());
        for (int i = 0; i < strings.size(); i++) {
            String s = strings.get(i);
            Matcher m = PLACEHOLDER.matcher(s);
            if (m.matches()) {
                Optional<Placeholder> p = Placeholder.byName(m.group(1));
                if (p.isEmpty()) {
                    return new Parsed.Invalid("argument " + (i + 1) + ": unknown placeholder " + s + " (known: "
                            + names(EnumSet.allOf(Placeholder.class)) + ")");
                }
                if (!allowed.contains(p.get())) {
                    return new Parsed.Invalid("argument " + (i + 1) + ": " + s + " is not available here (available: "
                            + names(allowed) + ")");
                }
                if (i == 0) {
                    return new Parsed.Invalid("the program (argument 1) must not be a placeholder");
                }
                args.add(new Variable(p.get()));
            } else if (m.reset().find()) {
                return new Parsed.Invalid("argument " + (i + 1) + " \"" + s
                        + "\": a placeholder must be a whole argument, not part of one");
            } else if (i == 0 && s.isEmpty()) {
                return new Parsed.Invalid("the program (argument 1) is empty");
            } else {
                args.add(new Literal(s));
            }
        }
        return new Parsed.Valid(new CommandTemplate(args));
    }

    /**
     * A configured command from the strings of a configuration array: empty when the array is empty
     * (not configured), the template when it is valid.
     *
     * @param key the configuration key, named in the error (e.g. {@code commands.context-restart})
     * @throws IllegalArgumentException {@code key: reason} when the template is invalid
     */
    public static Optional<CommandTemplate> configured(String key, List<String> strings, Set<Placeholder> allowed) {
        Objects.requireNonNull(strings, key);
        if (strings.isEmpty()) {
            return Optional.empty();
        }
        Parsed parsed = parse(strings, allowed);
        if (parsed instanceof Parsed.Invalid invalid) {
            throw new IllegalArgumentException(key + ": " + invalid.reason());
        }
        return Optional.of(((Parsed.Valid) parsed).template());
    }

    private static String names(Set<Placeholder> set) {
        if (set.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (Placeholder p : set) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append("${").append(p.templateName()).append('}');
        }
        return b.toString();
    }

    /** A template, from literal strings (placeholders recognised), for defaults and tests. */
    public static CommandTemplate of(String... strings) {
        Parsed parsed = parse(List.of(strings), EnumSet.allOf(Placeholder.class));
        if (parsed instanceof Parsed.Valid valid) {
            return valid.template();
        }
        throw new IllegalArgumentException(((Parsed.Invalid) parsed).reason());
    }

    /**
     * The argv with every placeholder replaced by its value, each value one argument.
     *
     * @throws IllegalArgumentException when a placeholder used has no value
     */
    public List<String> expand(Map<Placeholder, String> values) {
        List<String> out = new ArrayList<>(argv.size());
        for (Argument a : argv) {
            if (a instanceof Literal l) {
                out.add(l.text());
            } else {
                Placeholder p = ((Variable) a).placeholder();
                String v = values.get(p);
                if (v == null) {
                    throw new IllegalArgumentException("no value for ${" + p.templateName() + "}");
                }
                out.add(v);
            }
        }
        return out;
    }

    /** The template as configuration strings. */
    public List<String> toStrings() {
        List<String> out = new ArrayList<>(argv.size());
        for (Argument a : argv) {
            out.add(
                    a instanceof Literal l
                            ? l.text()
                            : "${" + ((Variable) a).placeholder().templateName() + "}");
        }
        return out;
    }

    /** The outcome of {@link #parse}. */
    public sealed interface Parsed {
        /** A valid template. */
        record Valid(CommandTemplate template) implements Parsed {}

        /** An invalid template and why. */
        record Invalid(String reason) implements Parsed {}
    }
}
