package io.recoverymanager.core.unit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses and strictly validates TOML recovery units (the format of issue 2).
 *
 * <p>The text is read with jackson-dataformat-toml, then every key is checked: unknown keys, wrong
 * types, missing required keys and out-of-range values are all collected, so an operator sees every
 * problem of a file at once. A TOML syntax error stops reading; it is reported alone, at the line
 * the TOML reader gives. Each {@link UnitError} names the source, the line (found by scanning the
 * text, since the TOML tree has no locations), the key as a dotted path such as {@code
 * action[1].retry} and the reason.
 *
 * <p>The parser does no I/O: callers read the file and pass its content.
 *
 * <p>Thread-safety: immutable, safe for concurrent use.
 */
public final class UnitParser {
    /** A parser; it keeps no state between calls. */
    public UnitParser() {}

    private static final List<String> UNIT_KEYS = List.of(
            "service", "relax-time", "check-start", "public-data", "private-data", "action", "friend", "budget");
    private static final List<String> ACTION_KEYS = List.of("type", "retry", "reset");
    private static final List<String> BUDGET_KEYS =
            List.of("restart-platform", "restart-platform-window", "factory-reset", "factory-reset-window");
    private static final List<String> FRIEND_KEYS = List.of("type", "name", "context", "action", "signal", "delay");

    /** systemd unit name characters; an optional {@code @instance} part; the {@code .service} suffix. */
    private static final Pattern SERVICE_NAME =
            Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.service");

    private static final int MAX_SERVICE_NAME = 255;
    private static final int MAX_SIGNAL = 64;

    /** The longest relax time per rvector step: long enough for any policy, far from overflow. */
    public static final Duration MAX_RELAX_TIME = Duration.ofDays(30);
    /** The longest delay of a friend's reaction. */
    public static final Duration MAX_FRIEND_DELAY = Duration.ofDays(1);
    /** The most failures one action may cover. */
    public static final int MAX_RETRY = 10_000;

    /** Parses the content of one unit file; {@code source} names it in errors. */
    public ParseResult parse(String source, String content) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
        ObjectNode table;
        try {
            table = TomlReader.DATES_AS_JAVA_TIME.read(content);
        } catch (JsonProcessingException e) {
            return new ParseResult.Invalid(source, List.of(syntaxError(source, content, e)));
        }
        return new Reading(source, TomlLineIndex.of(content)).read(table);
    }

    private static UnitError syntaxError(String source, String content, JsonProcessingException e) {
        String message = Objects.requireNonNullElse(e.getOriginalMessage(), "unreadable");
        if (message.equals("Duplicate key")) {
            Optional<Map.Entry<String, Integer>> duplicate =
                    TomlLineIndex.of(content).firstDuplicate();
            if (duplicate.isPresent()) {
                return new UnitError(
                        source,
                        duplicate.get().getValue(),
                        duplicate.get().getKey(),
                        "invalid TOML: the key is assigned more than once");
            }
        }
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : Math.max(0, location.getLineNr());
        return new UnitError(source, line, "", "invalid TOML: " + message);
    }

    /** One validation run over one file's tree; collects every error. */
    private static final class Reading {
        private final String source;
        private final TomlLineIndex index;
        private final List<UnitError> errors = new ArrayList<>();

        Reading(String source, TomlLineIndex index) {
            this.source = source;
            this.index = index;
        }

        ParseResult read(ObjectNode root) {
            rejectUnknownKeys(root, "", UNIT_KEYS);
            Optional<String> service = string(root, "service", true).flatMap(this::checkService);
            Optional<Duration> relaxTime = duration(root, "relax-time", true, true, MAX_RELAX_TIME);
            boolean checkStart = bool(root, "check-start").orElse(false);
            Optional<String> publicData = dataPath(root, "public-data");
            Optional<String> privateData = dataPath(root, "private-data");
            List<RecoveryAction> actions = actions(root);
            List<Friend> friends = friends(root);
            ActionBudgets budgets = budgets(root);
            requireDataPathFor(root, actions, ActionType.RESET_PUBLIC_DATA, "public-data");
            requireDataPathFor(root, actions, ActionType.RESET_PRIVATE_DATA, "private-data");

            if (!errors.isEmpty()) {
                List<UnitError> sorted = new ArrayList<>(errors);
                sorted.sort(Comparator.comparingInt(UnitError::line));
                return new ParseResult.Invalid(source, sorted);
            }
            return new ParseResult.Valid(
                    source,
                    new RecoveryUnit(
                            source,
                            service.orElseThrow(),
                            relaxTime.orElseThrow(),
                            checkStart,
                            publicData,
                            privateData,
                            actions,
                            friends,
                            budgets));
        }

        /**
         * The optional {@code [budget]} table: {@code restart-platform} and {@code factory-reset}
         * counts, each with an optional {@code -window} (default 1h and 1d).
         */
        private ActionBudgets budgets(ObjectNode root) {
            JsonNode node = root.get("budget");
            if (node == null) {
                return ActionBudgets.none();
            }
            if (!(node instanceof ObjectNode table)) {
                wrongType("budget", "a table ([budget])", node);
                return ActionBudgets.none();
            }
            rejectUnknownKeys(table, "budget", BUDGET_KEYS);
            java.util.Map<ActionType, ActionBudget> limits = new java.util.EnumMap<>(ActionType.class);
            for (ActionType type : ActionBudgets.BUDGETED) {
                String key = "budget." + type.tomlName();
                Optional<Integer> count = integer(table, key);
                Optional<Duration> window = duration(table, key + "-window", false, true, ActionBudget.MAX_WINDOW);
                if (count.isPresent() && (count.get() < 0 || count.get() > ActionBudget.MAX_COUNT)) {
                    error(key, "must be between 0 and " + ActionBudget.MAX_COUNT + ", was " + count.get());
                } else if (count.isPresent()) {
                    limits.put(type, new ActionBudget(count.get(), window.orElse(ActionBudgets.defaultWindow(type))));
                } else if (table.has(type.tomlName() + "-window") && table.get(type.tomlName()) == null) {
                    error(key + "-window", "needs " + key + " (the count the window allows)");
                }
            }
            return new ActionBudgets(limits);
        }

        // ---- the unit's parts

        private Optional<String> checkService(String name) {
            if (!name.endsWith(".service")) {
                return fail("service", "must be a systemd service name ending in .service, was \"" + name + "\"");
            }
            if (name.length() > MAX_SERVICE_NAME || !SERVICE_NAME.matcher(name).matches() || name.startsWith("@")) {
                return fail(
                        "service",
                        "\"" + name + "\" is not a valid service name (letters, digits and :_.\\- before"
                                + " .service, at most one @, such as echo.service or getty@.service)");
            }
            return Optional.of(name);
        }

        private Optional<String> dataPath(ObjectNode root, String key) {
            return string(root, key, false).flatMap(path -> {
                Optional<String> problem = DataPaths.problem(path);
                return problem.isPresent() ? fail(key, problem.get()) : Optional.of(path);
            });
        }

        private void requireDataPathFor(ObjectNode root, List<RecoveryAction> actions, ActionType type, String key) {
            if (root.has(key)) {
                return; // present: its own problems, if any, are already reported
            }
            JsonNode listed = root.get("action");
            if (listed == null || !listed.isArray()) {
                return;
            }
            for (int i = 0; i < listed.size(); i++) {
                JsonNode t = listed.get(i).get("type");
                if (t != null && t.isTextual() && ActionType.byName(t.asText()).orElse(null) == type) {
                    errors.add(new UnitError(
                            source,
                            index.lineOf("action[" + i + "].type"),
                            key,
                            "missing required key: needed because action[" + i + "] is " + type.tomlName()));
                    return;
                }
            }
        }

        private List<RecoveryAction> actions(ObjectNode root) {
            JsonNode list = root.get("action");
            if (list == null) {
                error("action", "missing required key: a unit needs at least one [[action]]");
                return List.of();
            }
            if (!list.isArray()) {
                wrongType("action", "an array of tables ([[action]])", list);
                return List.of();
            }
            if (list.isEmpty()) {
                error("action", "must list at least one action");
                return List.of();
            }
            List<RecoveryAction> actions = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "action[" + i + "]";
                JsonNode element = list.get(i);
                if (!(element instanceof ObjectNode action)) {
                    wrongType(path, "a table", element);
                    continue;
                }
                rejectUnknownKeys(action, path, ACTION_KEYS);
                Optional<ActionType> type =
                        string(action, path + ".type", true).flatMap(name -> actionType(path, name));
                int retry = integer(action, path + ".retry")
                        .flatMap(r -> r >= 1 ? Optional.of(r) : fail(path + ".retry", "must be at least 1, was " + r))
                        .flatMap(r -> r <= MAX_RETRY
                                ? Optional.of(r)
                                : fail(path + ".retry", "must be at most " + MAX_RETRY + ", was " + r))
                        .orElse(1);
                boolean reset = bool(action, path + ".reset").orElse(false);
                type.ifPresent(t -> actions.add(new RecoveryAction(t, retry, reset)));
            }
            return actions;
        }

        private Optional<ActionType> actionType(String path, String name) {
            Optional<ActionType> type = ActionType.byName(name);
            if (type.isEmpty()) {
                String legacy = Arrays.stream(ActionType.values())
                        .map(ActionType::legacyName)
                        .collect(Collectors.joining(", "));
                return fail(
                        path + ".type",
                        "unknown action type \"" + name + "\"; accepted: " + ActionType.acceptedNames()
                                + " (or the original names " + legacy + ")");
            }
            return type;
        }

        private List<Friend> friends(ObjectNode root) {
            JsonNode list = root.get("friend");
            if (list == null) {
                return List.of();
            }
            if (!list.isArray()) {
                wrongType("friend", "an array of tables ([[friend]])", list);
                return List.of();
            }
            List<Friend> friends = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "friend[" + i + "]";
                JsonNode element = list.get(i);
                if (element instanceof ObjectNode friend) {
                    rejectUnknownKeys(friend, path, FRIEND_KEYS);
                    friend(friend, path).ifPresent(friends::add);
                } else {
                    wrongType(path, "a table", element);
                }
            }
            return friends;
        }

        private Optional<Friend> friend(ObjectNode friend, String path) {
            Optional<FriendType> type = string(friend, path + ".type", true)
                    .flatMap(t -> oneOf(path + ".type", t, FriendType.values(), FriendType::tomlName));
            Optional<String> name = string(friend, path + ".name", true).flatMap(n -> friendName(path, type, n));
            Optional<String> context = string(friend, path + ".context", false)
                    .flatMap(c -> c.isBlank() ? fail(path + ".context", "must not be blank") : Optional.of(c));
            Optional<FriendAction> action = string(friend, path + ".action", true)
                    .flatMap(a -> oneOf(path + ".action", a, FriendAction.values(), FriendAction::tomlName));
            Optional<Integer> signal = integer(friend, path + ".signal");
            if (action.isPresent() && action.get() == FriendAction.SIGNAL) {
                if (signal.isEmpty() && !friend.has("signal")) {
                    error(path + ".signal", "missing required key: action \"signal\" needs a signal number");
                } else if (signal.isPresent() && (signal.get() < 1 || signal.get() > MAX_SIGNAL)) {
                    signal = fail(
                            path + ".signal",
                            "must be a signal number from 1 to " + MAX_SIGNAL + ", was " + signal.get());
                }
            } else if (action.isPresent() && friend.has("signal")) {
                signal = fail(
                        path + ".signal",
                        "only allowed with action = \"signal\", not with action = \"" + action.get() + "\"");
            }
            Optional<Duration> delay = duration(friend, path + ".delay", false, false, MAX_FRIEND_DELAY);
            if (type.isEmpty() || name.isEmpty() || action.isEmpty()) {
                return Optional.empty();
            }
            if (action.get() == FriendAction.SIGNAL && signal.isEmpty()) {
                return Optional.empty();
            }
            if (friend.has("delay") && delay.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Friend(
                    type.get(),
                    name.get(),
                    context,
                    action.get(),
                    action.get() == FriendAction.SIGNAL ? signal.orElseThrow() : 0,
                    delay.orElse(Duration.ZERO)));
        }

        private Optional<String> friendName(String path, Optional<FriendType> type, String name) {
            if (name.isBlank()) {
                return fail(path + ".name", "must not be blank");
            }
            if (type.isPresent() && type.get() == FriendType.SERVICE) {
                if (!name.endsWith(".service") || !SERVICE_NAME.matcher(name).matches() || name.startsWith("@")) {
                    return fail(
                            path + ".name",
                            "a service friend must be a service name ending in .service, was \"" + name + "\"");
                }
                if (ServiceNames.isTemplate(name)) {
                    return fail(
                            path + ".name",
                            "a service friend must name a service instance, not the template \"" + name + "\"");
                }
            }
            return Optional.of(name);
        }

        // ---- typed access; each records its own errors and returns empty on any problem

        private Optional<JsonNode> node(ObjectNode table, String path, boolean required) {
            JsonNode value = table.get(leaf(path));
            if (value == null) {
                if (required) {
                    error(path, "missing required key");
                }
                return Optional.empty();
            }
            return Optional.of(value);
        }

        private Optional<String> string(ObjectNode table, String path, boolean required) {
            return node(table, path, required)
                    .flatMap(v -> v.isTextual() ? Optional.of(v.asText()) : wrongType(path, "a string", v));
        }

        private Optional<Boolean> bool(ObjectNode table, String path) {
            return node(table, path, false)
                    .flatMap(v -> v.isBoolean() ? Optional.of(v.asBoolean()) : wrongType(path, "a boolean", v));
        }

        private Optional<Integer> integer(ObjectNode table, String path) {
            return node(table, path, false).flatMap(v -> {
                if (!v.isIntegralNumber()) {
                    return wrongType(path, "an integer", v);
                }
                if (!v.canConvertToInt()) {
                    return fail(path, "is too large: " + v.asText());
                }
                return Optional.of(v.intValue());
            });
        }

        private Optional<Duration> duration(
                ObjectNode table, String path, boolean required, boolean positive, Duration max) {
            return node(table, path, required).flatMap(v -> {
                Duration d;
                if (v.isIntegralNumber()) {
                    if (!v.canConvertToLong()) {
                        return fail(path, "is too large: " + v.asText());
                    }
                    try {
                        d = Durations.ofSeconds(v.longValue());
                    } catch (IllegalArgumentException e) {
                        return fail(path, "must not be negative, was " + v.asText());
                    }
                } else if (v.isTextual()) {
                    try {
                        d = Durations.parse(v.asText());
                    } catch (IllegalArgumentException e) {
                        return fail(path, e.getMessage());
                    }
                } else {
                    return wrongType(path, "a duration such as \"60s\" or an integer number of seconds", v);
                }
                if (positive && d.isZero()) {
                    return fail(path, "must be greater than 0");
                }
                if (d.compareTo(max) > 0) {
                    return fail(path, "must be at most " + Durations.format(max) + ", was " + v.asText());
                }
                return Optional.of(d);
            });
        }

        private <E> Optional<E> oneOf(String path, String name, E[] values, Function<E, String> nameOf) {
            for (E value : values) {
                if (nameOf.apply(value).equals(name)) {
                    return Optional.of(value);
                }
            }
            String accepted = Arrays.stream(values).map(nameOf).collect(Collectors.joining(", "));
            return fail(path, "unknown value \"" + name + "\"; accepted: " + accepted);
        }

        private void rejectUnknownKeys(ObjectNode table, String prefix, List<String> allowed) {
            Iterator<String> names = table.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    String path = prefix.isEmpty() ? name : prefix + "." + name;
                    error(path, "unknown key" + suggestion(name, allowed));
                }
            }
        }

        // ---- error recording

        private void error(String path, String reason) {
            errors.add(new UnitError(source, index.lineOf(path), path, reason));
        }

        private <T> Optional<T> fail(String path, String reason) {
            error(path, reason);
            return Optional.empty();
        }

        private <T> Optional<T> wrongType(String path, String expected, JsonNode found) {
            return fail(path, "must be " + expected + ", found " + describe(found));
        }
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a float";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "a table";
        }
        if (node.isPojo()) {
            return "a date/time";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * "; did you mean ..." for a near miss (at most two edits away, or sharing a prefix of at least
     * four characters), otherwise the list of allowed keys.
     */
    static String suggestion(String name, List<String> allowed) {
        String normalized = name.toLowerCase(Locale.ROOT).replace('_', '-');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = editDistance(normalized, candidate);
            boolean near = d <= 2 || commonPrefixLength(normalized, candidate) >= 4;
            if (near && d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best != null) {
            return "; did you mean \"" + best + "\"?";
        }
        return "; allowed keys: " + String.join(", ", allowed);
    }

    private static int commonPrefixLength(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
