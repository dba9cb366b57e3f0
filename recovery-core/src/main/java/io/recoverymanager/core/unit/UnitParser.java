package io.recoverymanager.core.unit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and strictly validates TOML recovery units.
 *
 * <p>Every problem of a file is reported, not just the first, each naming the file, the line (where
 * it can be told), the key and the reason: a typo must be found before it silently switches
 * recovery off. Reading files is the caller's business; the parser takes the text.
 *
 * <p>Thread-safety: immutable, safe for concurrent use.
 */
public final class UnitParser {
    private static final Set<String> TOP_KEYS =
            Set.of("service", "relax-time", "check-start", "public-data", "private-data", "action", "friend");
    private static final Set<String> ACTION_KEYS = Set.of("type", "retry", "reset");
    private static final Set<String> FRIEND_KEYS = Set.of("type", "name", "context", "action", "signal", "delay");
    private static final Pattern SERVICE_NAME =
            Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.service");
    private static final Pattern CONTEXT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,252}");

    private final TomlMapper mapper = new TomlMapper();

    /** Parses the content of one unit file; {@code source} names it in errors. */
    public ParseResult parse(String source, String content) {
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 0 : Math.max(0, where.getLineNr());
            return new ParseResult.Invalid(
                    source, List.of(new UnitError(source, line, "", "TOML syntax error: " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            return new ParseResult.Invalid(source, List.of(new UnitError(source, 0, "", "the file is empty")));
        }
        Validation v = new Validation(source, new KeyLines(content));
        RecoveryUnit unit = v.unit((ObjectNode) root);
        return v.errors.isEmpty() ? new ParseResult.Valid(source, unit) : new ParseResult.Invalid(source, v.errors);
    }

    /** Collects the errors of one file while building its unit. */
    private static final class Validation {
        private final String source;
        private final KeyLines lines;
        private final List<UnitError> errors = new ArrayList<>();

        Validation(String source, KeyLines lines) {
            this.source = source;
            this.lines = lines;
        }

        void error(String key, String reason) {
            errors.add(new UnitError(source, lines.lineOf(key), key, reason));
        }

        RecoveryUnit unit(ObjectNode root) {
            unknownKeys(root, TOP_KEYS, "");
            String service = requiredString(root, "service");
            if (service != null && !SERVICE_NAME.matcher(service).matches()) {
                error(
                        "service",
                        "must be a systemd service name ending in .service (a template looks like name@.service), was \""
                                + service + "\"");
            }
            Duration relax = duration(root, "relax-time", true);
            if (relax != null && (relax.isZero() || relax.isNegative())) {
                error("relax-time", "must be greater than 0");
                relax = null;
            }
            boolean checkStart = bool(root, "check-start", false);
            Optional<String> publicData = dataPath(root, "public-data");
            Optional<String> privateData = dataPath(root, "private-data");
            List<RecoveryAction> actions = actions(root);
            for (RecoveryAction a : actions) {
                if (a.type() == ActionType.RESET_PUBLIC_DATA && publicData.isEmpty() && !root.has("public-data")) {
                    error("public-data", "is required because a reset-public-data action is listed");
                }
                if (a.type() == ActionType.RESET_PRIVATE_DATA && privateData.isEmpty() && !root.has("private-data")) {
                    error("private-data", "is required because a reset-private-data action is listed");
                }
            }
            List<Friend> friends = friends(root);
            if (!errors.isEmpty()) {
                return null;
            }
            return new RecoveryUnit(source, service, relax, checkStart, publicData, privateData, actions, friends);
        }

        private List<RecoveryAction> actions(ObjectNode root) {
            JsonNode node = root.get("action");
            if (node == null) {
                error("action", "at least one [[action]] is required");
                return List.of();
            }
            if (!node.isArray()) {
                error("action", "must be an array of tables ([[action]])");
                return List.of();
            }
            if (node.isEmpty()) {
                error("action", "at least one [[action]] is required");
                return List.of();
            }
            List<RecoveryAction> actions = new ArrayList<>();
            boolean reported = false;
            for (int i = 0; i < node.size(); i++) {
                String at = "action[" + i + "]";
                JsonNode item = node.get(i);
                if (!item.isObject()) {
                    error(at, "must be a table");
                    continue;
                }
                ObjectNode table = (ObjectNode) item;
                unknownKeys(table, ACTION_KEYS, at + ".");
                String typeName = requiredString(table, at + ".type", "type");
                Optional<ActionType> type = Optional.empty();
                if (typeName != null) {
                    type = ActionType.byName(typeName);
                    if (type.isEmpty()) {
                        error(
                                at + ".type",
                                "unknown action \"" + typeName + "\"; expected one of " + ActionType.acceptedNames());
                    }
                }
                int retry = integer(table, at + ".retry", "retry", 1);
                if (retry < 1) {
                    error(at + ".retry", "must be at least 1, was " + retry);
                }
                boolean reset = bool(table, at + ".reset", "reset", false);
                if (type.isPresent() && retry >= 1) {
                    actions.add(new RecoveryAction(type.get(), retry, reset));
                } else if (!reported) {
                    reported = true;
                }
            }
            return actions;
        }

        private List<Friend> friends(ObjectNode root) {
            JsonNode node = root.get("friend");
            if (node == null) {
                return List.of();
            }
            if (!node.isArray()) {
                error("friend", "must be an array of tables ([[friend]])");
                return List.of();
            }
            List<Friend> friends = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String at = "friend[" + i + "]";
                JsonNode item = node.get(i);
                if (!item.isObject()) {
                    error(at, "must be a table");
                    continue;
                }
                ObjectNode table = (ObjectNode) item;
                int before = errors.size();
                unknownKeys(table, FRIEND_KEYS, at + ".");
                FriendType type = enumValue(table, at + ".type", "type", FriendType.values(), FriendType::tomlName);
                String name = requiredString(table, at + ".name", "name");
                if (name != null && name.isBlank()) {
                    error(at + ".name", "must not be empty");
                }
                if (type == FriendType.SERVICE
                        && name != null
                        && !SERVICE_NAME.matcher(name).matches()) {
                    error(at + ".name", "a service friend must name a .service unit, was \"" + name + "\"");
                }
                Optional<String> context = Optional.empty();
                if (table.has("context")) {
                    String c = string(table, at + ".context", "context");
                    if (c != null && !CONTEXT_NAME.matcher(c).matches()) {
                        error(at + ".context", "must be a host or context name, was \"" + c + "\"");
                    }
                    context = Optional.ofNullable(c);
                }
                FriendAction action =
                        enumValue(table, at + ".action", "action", FriendAction.values(), FriendAction::tomlName);
                int signal = 0;
                if (action == FriendAction.SIGNAL) {
                    if (!table.has("signal")) {
                        error(at + ".signal", "is required for the signal action");
                    } else {
                        signal = integer(table, at + ".signal", "signal", 0);
                        if (signal < 1 || signal > 64) {
                            error(at + ".signal", "must be a signal number from 1 to 64, was " + signal);
                        }
                    }
                } else if (table.has("signal")) {
                    error(at + ".signal", "is only allowed with action = \"signal\"");
                }
                Duration delay = table.has("delay") ? durationAt(table.get("delay"), at + ".delay") : Duration.ZERO;
                if (delay != null && delay.isNegative()) {
                    error(at + ".delay", "must not be negative");
                }
                if (errors.size() == before && type != null && name != null && action != null && delay != null) {
                    friends.add(new Friend(type, name, context, action, signal, delay));
                }
            }
            return friends;
        }

        // ------------------------------------------------------------ typed readers

        private void unknownKeys(ObjectNode table, Set<String> allowed, String prefix) {
            for (Map.Entry<String, JsonNode> field : table.properties()) {
                String key = field.getKey();
                if (!allowed.contains(key)) {
                    error(prefix + key, "unknown key; expected one of " + String.join(", ", sorted(allowed)));
                }
            }
        }

        private static List<String> sorted(Set<String> keys) {
            String[] array = keys.toArray(new String[0]);
            Arrays.sort(array);
            return List.of(array);
        }

        private String requiredString(ObjectNode table, String key) {
            return requiredString(table, key, key);
        }

        private String requiredString(ObjectNode table, String path, String key) {
            if (!table.has(key)) {
                error(path, "is required");
                return null;
            }
            return string(table, path, key);
        }

        private String string(ObjectNode table, String path, String key) {
            JsonNode node = table.get(key);
            if (!node.isTextual()) {
                error(path, "must be a string");
                return null;
            }
            return node.textValue();
        }

        private boolean bool(ObjectNode table, String key, boolean fallback) {
            return bool(table, key, key, fallback);
        }

        private boolean bool(ObjectNode table, String path, String key, boolean fallback) {
            JsonNode node = table.get(key);
            if (node == null) {
                return fallback;
            }
            if (!node.isBoolean()) {
                error(path, "must be true or false");
                return fallback;
            }
            return node.booleanValue();
        }

        private int integer(ObjectNode table, String path, String key, int fallback) {
            JsonNode node = table.get(key);
            if (node == null) {
                return fallback;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                error(path, "must be an integer");
                return fallback;
            }
            return node.intValue();
        }

        private <E> E enumValue(
                ObjectNode table, String path, String key, E[] values, java.util.function.Function<E, String> name) {
            String text = requiredString(table, path, key);
            if (text == null) {
                return null;
            }
            for (E value : values) {
                if (name.apply(value).equals(text)) {
                    return value;
                }
            }
            List<String> names = Arrays.stream(values).map(name).toList();
            error(path, "unknown value \"" + text + "\"; expected one of " + String.join(", ", names));
            return null;
        }

        private Duration duration(ObjectNode table, String key, boolean required) {
            JsonNode node = table.get(key);
            if (node == null) {
                if (required) {
                    error(key, "is required");
                }
                return null;
            }
            return durationAt(node, key);
        }

        private Duration durationAt(JsonNode node, String path) {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return Duration.ofSeconds(node.longValue());
            }
            if (node.isTextual()) {
                Optional<Duration> parsed = Durations.tryParse(node.textValue());
                if (parsed.isPresent()) {
                    return parsed.get();
                }
                error(path, "invalid duration \"" + node.textValue() + "\": " + Durations.EXPECTED);
                return null;
            }
            error(path, Durations.EXPECTED);
            return null;
        }

        private Optional<String> dataPath(ObjectNode root, String key) {
            if (!root.has(key)) {
                return Optional.empty();
            }
            String path = string(root, key, key);
            if (path == null) {
                return Optional.empty();
            }
            Optional<String> problem = DataPaths.problem(path);
            if (problem.isPresent()) {
                error(key, problem.get());
                return Optional.empty();
            }
            return Optional.of(path);
        }
    }

    /**
     * Finds the line of a key in the TOML text: top-level keys before the first table header, and
     * keys inside the n-th {@code [[action]]} or {@code [[friend]]} table. Good enough for error
     * messages; returns 0 when the key cannot be placed (inline tables, dotted keys).
     */
    static final class KeyLines {
        private static final Pattern KEY = Pattern.compile("^\\s*(\"?)([A-Za-z0-9_\\-]+)\\1\\s*=.*");
        private static final Pattern ARRAY_TABLE = Pattern.compile("^\\s*\\[\\[\\s*([A-Za-z0-9_\\-]+)\\s*]].*");
        private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([A-Za-z0-9_\\-.]+)\\s*].*");

        private final java.util.HashMap<String, Integer> lines = new java.util.HashMap<>();

        KeyLines(String content) {
            String[] all = content.split("\r?\n", -1);
            String table = "";
            java.util.HashMap<String, Integer> counts = new java.util.HashMap<>();
            for (int i = 0; i < all.length; i++) {
                String line = all[i];
                var arrayTable = ARRAY_TABLE.matcher(line);
                if (arrayTable.matches()) {
                    String name = arrayTable.group(1);
                    int index = counts.merge(name, 1, Integer::sum) - 1;
                    table = name + "[" + index + "]";
                    lines.putIfAbsent(table, i + 1);
                    lines.putIfAbsent(name, i + 1);
                    continue;
                }
                var plainTable = TABLE.matcher(line);
                if (plainTable.matches()) {
                    table = plainTable.group(1);
                    lines.putIfAbsent(table, i + 1);
                    continue;
                }
                var key = KEY.matcher(line);
                if (key.matches()) {
                    String path = table.isEmpty() ? key.group(2) : table + "." + key.group(2);
                    lines.putIfAbsent(path, i + 1);
                }
            }
        }

        /** The line of a key path such as {@code action[1].retry}; its table's line if the key is absent. */
        int lineOf(String path) {
            Integer exact = lines.get(path);
            if (exact != null) {
                return exact;
            }
            int dot = path.lastIndexOf('.');
            if (dot > 0) {
                return lineOf(path.substring(0, dot));
            }
            return 0;
        }
    }
}
