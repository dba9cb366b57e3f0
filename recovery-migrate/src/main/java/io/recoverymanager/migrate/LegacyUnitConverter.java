package io.recoverymanager.migrate;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import io.recoverymanager.core.unit.ServiceNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Converts a unit of the original C implementation into a TOML recovery unit.
 *
 * <p>Mapping: {@code <service relaxtime="S" checkstart="B">NAME</service>} gives {@code service},
 * {@code relax-time = "Ss"} and {@code check-start}; {@code <publicdata>}/{@code <privatedata>}
 * give {@code public-data}/{@code private-data}; each {@code <action type retry reset>} gives an
 * {@code [[action]]} with the legacy type name mapped to the TOML name (its text becomes a
 * comment); each {@code <friend type action arg delay context>NAME</friend>} gives a {@code
 * [[friend]]} with {@code arg} as {@code signal} and {@code delay} in seconds. Everything else (an
 * unknown element, attribute or action type, a non-numeric number, a missing service or relax time)
 * is an error naming the file, line and element; all errors of a file are reported.
 *
 * <p>Thread-safety: stateless, safe for concurrent use.
 */
public final class LegacyUnitConverter {
    private static final Set<String> TOP_LEVEL = Set.of("service", "privatedata", "publicdata", "actions", "friends");

    /** Converts the content of one {@code .recovery} file; {@code source} names it in errors and the header. */
    public Conversion convert(String source, String content) {
        LegacyElement root;
        try {
            root = LegacyReader.read(content);
        } catch (LegacyReader.UnreadableException e) {
            return new Conversion.Failed(source, List.of(new ConversionError(source, e.line, "", e.getMessage())));
        }
        return new Run(source).convert(root);
    }

    /** One conversion: the errors found so far. */
    private static final class Run {
        private final String source;
        private final List<ConversionError> errors = new ArrayList<>();

        Run(String source) {
            this.source = source;
        }

        Conversion convert(LegacyElement root) {
            if (!root.trimmedText().isEmpty()) {
                error(root.line, "", "text outside of any element: \"" + abbreviate(root.trimmedText()) + "\"");
            }
            Map<String, LegacyElement> top = new HashMap<>();
            for (LegacyElement e : root.children) {
                if (!TOP_LEVEL.contains(e.name)) {
                    error(
                            e.line,
                            "<" + e.name + ">",
                            "unknown element (known: service, privatedata, publicdata, actions," + " friends)");
                    continue;
                }
                LegacyElement previous = top.putIfAbsent(e.name, e);
                if (previous != null) {
                    error(e.line, "<" + e.name + ">", "appears twice (first on line " + previous.line + ")");
                }
            }
            LegacyElement service = top.get("service");
            LegacyElement publicData = top.get("publicdata");
            LegacyElement privateData = top.get("privatedata");
            LegacyElement actions = top.get("actions");
            LegacyElement friends = top.get("friends");
            StringBuilder toml = new StringBuilder();
            toml.append("# Converted by `recoverymanager convert` from ")
                    .append(source)
                    .append('\n');
            String serviceName = serviceHeader(service, toml);
            dataPath(publicData, "public-data", toml);
            dataPath(privateData, "private-data", toml);
            actions(actions, toml);
            friends(friends, toml);
            if (!errors.isEmpty()) {
                return new Conversion.Failed(source, errors);
            }
            return new Conversion.Converted(source, serviceName, toml.toString());
        }

        private String serviceHeader(LegacyElement service, StringBuilder toml) {
            if (service == null) {
                error(0, "<service>", "missing: every unit needs <service relaxtime=\"...\">name.service</service>");
                return "";
            }
            attributes(service, Set.of("relaxtime", "checkstart"));
            noChildren(service);
            String name = service.trimmedText();
            if (name.isEmpty()) {
                error(service.line, "<service>", "missing service name (the element's text)");
            } else if (!ServiceNames.isService(name) || name.contains(" ")) {
                error(service.line, "<service>", "\"" + name + "\" is not a systemd service name such as echo.service");
            }
            String relax = service.attributes.get("relaxtime");
            Optional<Long> relaxSeconds = Optional.empty();
            if (relax == null) {
                error(service.line, "<service> relaxtime", "missing (the relax time in seconds)");
            } else {
                relaxSeconds = seconds(service.line, "<service> relaxtime", relax, 1);
            }
            boolean checkStart = bool(service, "checkstart", false);
            toml.append("service = ").append(TomlText.string(name)).append('\n');
            relaxSeconds.ifPresent(s -> toml.append("relax-time = ")
                    .append(TomlText.string(s + "s"))
                    .append('\n'));
            toml.append("check-start = ").append(checkStart).append('\n');
            return name;
        }

        private void dataPath(LegacyElement element, String key, StringBuilder toml) {
            if (element == null) {
                return;
            }
            attributes(element);
            noChildren(element);
            String path = element.trimmedText();
            if (path.isEmpty()) {
                error(element.line, "<" + element.name + ">", "empty path");
                return;
            }
            toml.append(key).append(" = ").append(TomlText.string(path)).append('\n');
        }

        private void actions(LegacyElement actions, StringBuilder toml) {
            if (actions == null) {
                error(0, "<actions>", "missing: a unit needs at least one action");
                return;
            }
            attributes(actions);
            int index = 0;
            boolean afterReset = false;
            for (LegacyElement a : actions.children) {
                if (!a.name.equals("action")) {
                    error(a.line, "<actions>", "unexpected element <" + a.name + "> (only <action> belongs here)");
                    continue;
                }
                index++;
                String where = "action[" + index + "]";
                attributes(a, Set.of("type", "retry", "reset"));
                noChildren(a);
                String type = a.attributes.get("type");
                Optional<ActionType> mapped = Optional.empty();
                if (type == null) {
                    error(a.line, where + " type", "missing");
                } else {
                    mapped = ActionType.byName(type.strip());
                    if (mapped.isEmpty()) {
                        error(
                                a.line,
                                where + " type",
                                "unknown action type \"" + type + "\" (known: "
                                        + Arrays.stream(ActionType.values())
                                                .map(ActionType::legacyName)
                                                .collect(Collectors.joining(", "))
                                        + ")");
                    }
                }
                Optional<Long> retry = a.attributes.containsKey("retry")
                        ? seconds(a.line, where + " retry", a.attributes.get("retry"), 1)
                        : Optional.of(1L);
                boolean reset = bool(a, "reset", false);
                if (retry.isPresent() && retry.get() > Integer.MAX_VALUE) {
                    error(a.line, where + " retry", "too large");
                }
                toml.append('\n');
                if (afterReset) {
                    toml.append("# Never reached: an earlier action resets the rvector (as in the original).\n");
                }
                toml.append("[[action]]");
                if (!a.trimmedText().isEmpty()) {
                    toml.append("  # ").append(a.trimmedText());
                }
                toml.append('\n');
                toml.append("type = ")
                        .append(TomlText.string(mapped.map(ActionType::tomlName).orElse("")))
                        .append('\n');
                if (retry.isPresent() && retry.get() != 1) {
                    toml.append("retry = ").append(retry.get()).append('\n');
                }
                if (reset) {
                    toml.append("reset = true\n");
                    afterReset = true;
                }
            }
            if (index == 0) {
                error(actions.line, "<actions>", "no <action>: a unit needs at least one action");
            }
        }

        private void friends(LegacyElement friends, StringBuilder toml) {
            if (friends == null) {
                return;
            }
            attributes(friends);
            int index = 0;
            for (LegacyElement f : friends.children) {
                if (!f.name.equals("friend")) {
                    error(f.line, "<friends>", "unexpected element <" + f.name + "> (only <friend> belongs here)");
                    continue;
                }
                index++;
                String where = "friend[" + index + "]";
                attributes(f, Set.of("type", "action", "arg", "delay", "context"));
                noChildren(f);
                String name = f.trimmedText();
                if (name.isEmpty()) {
                    error(f.line, where, "missing the friend's name (the element's text)");
                }
                Optional<FriendType> type = enumAttribute(f, where, "type", FriendType.values(), FriendType::tomlName);
                Optional<FriendAction> action =
                        enumAttribute(f, where, "action", FriendAction.values(), FriendAction::tomlName);
                type.filter(t -> t == FriendType.SERVICE && !name.isEmpty() && !ServiceNames.isService(name))
                        .ifPresent(t ->
                                error(f.line, where, "\"" + name + "\" is not a service name such as dummy.service"));
                Optional<Long> signal = Optional.empty();
                String arg = f.attributes.get("arg");
                if (action.orElse(null) == FriendAction.SIGNAL) {
                    if (arg == null) {
                        error(f.line, where + " arg", "missing: the signal action needs the signal number in arg");
                    } else {
                        signal = seconds(f.line, where + " arg", arg, 1);
                        signal.filter(s -> s > 64)
                                .ifPresent(s ->
                                        error(f.line, where + " arg", "signal " + s + " does not exist (1 to 64)"));
                    }
                } else if (arg != null && action.isPresent()) {
                    error(
                            f.line,
                            where + " arg",
                            "only the signal action takes an arg, not "
                                    + action.get().tomlName());
                }
                Optional<Long> delay = f.attributes.containsKey("delay")
                        ? seconds(f.line, where + " delay", f.attributes.get("delay"), 0)
                        : Optional.of(0L);
                String context = f.attributes.get("context");
                if (context != null && context.strip().isEmpty()) {
                    error(f.line, where + " context", "empty (leave the attribute out for this instance's context)");
                }
                toml.append("\n[[friend]]\n");
                toml.append("type = ")
                        .append(TomlText.string(type.map(FriendType::tomlName).orElse("")))
                        .append('\n');
                toml.append("name = ").append(TomlText.string(name)).append('\n');
                if (context != null && !context.strip().isEmpty()) {
                    toml.append("context = ")
                            .append(TomlText.string(context.strip()))
                            .append('\n');
                }
                toml.append("action = ")
                        .append(TomlText.string(
                                action.map(FriendAction::tomlName).orElse("")))
                        .append('\n');
                signal.ifPresent(s -> toml.append("signal = ").append(s).append('\n'));
                delay.filter(d -> d > 0).ifPresent(d -> toml.append("delay = ")
                        .append(TomlText.string(d + "s"))
                        .append('\n'));
            }
        }

        private <E> Optional<E> enumAttribute(
                LegacyElement e,
                String where,
                String attribute,
                E[] values,
                java.util.function.Function<E, String> name) {
            String v = e.attributes.get(attribute);
            if (v == null) {
                error(e.line, where + " " + attribute, "missing");
                return Optional.empty();
            }
            for (E value : values) {
                if (name.apply(value).equals(v.strip().toLowerCase(Locale.ROOT))) {
                    return Optional.of(value);
                }
            }
            error(
                    e.line,
                    where + " " + attribute,
                    "unknown " + attribute + " \"" + v + "\" (known: "
                            + Arrays.stream(values).map(name).collect(Collectors.joining(", ")) + ")");
            return Optional.empty();
        }

        /** A non-negative integer of at least {@code min}; records an error otherwise. */
        private Optional<Long> seconds(int line, String where, String value, long min) {
            String v = value.strip();
            if (!v.matches("\\d{1,9}")) {
                error(line, where, "\"" + value + "\" is not a whole number");
                return Optional.empty();
            }
            long n = Long.parseLong(v);
            if (n < min) {
                error(line, where, "must be at least " + min + ", was " + n);
                return Optional.empty();
            }
            return Optional.of(n);
        }

        private boolean bool(LegacyElement e, String attribute, boolean defaultValue) {
            String v = e.attributes.get(attribute);
            if (v == null) {
                return defaultValue;
            }
            return switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> {
                    error(e.line, "<" + e.name + "> " + attribute, "\"" + v + "\" is not true or false");
                    yield defaultValue;
                }
            };
        }

        private void attributes(LegacyElement e, Set<String> known) {
            for (Map.Entry<String, String> a : e.attributes.entrySet()) {
                if (!known.contains(a.getKey())) {
                    error(
                            e.line,
                            "<" + e.name + "> " + a.getKey(),
                            "unknown attribute (known: "
                                    + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
            }
        }

        private void attributes(LegacyElement e) {
            for (String a : e.attributes.keySet()) {
                error(e.line, "<" + e.name + "> " + a, "unknown attribute (<" + e.name + "> takes none)");
            }
        }

        private void noChildren(LegacyElement e) {
            for (LegacyElement child : e.children) {
                error(child.line, "<" + e.name + ">", "unexpected element <" + child.name + "> inside");
            }
        }

        private void error(int line, String element, String reason) {
            errors.add(new ConversionError(source, line, element, reason));
        }

        private static String abbreviate(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
    }
}
