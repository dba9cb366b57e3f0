package io.recoverymanager.daemon.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recoverymanager.core.unit.ActionBudget;
import io.recoverymanager.core.unit.ActionBudgets;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Durations;
import io.recoverymanager.core.unit.TomlLineIndex;
import io.recoverymanager.core.unit.TomlReader;
import io.recoverymanager.dispatch.RunMode;
import io.recoverymanager.dispatch.exec.CommandTemplate;
import io.recoverymanager.dispatch.exec.CommandTemplate.Placeholder;
import io.recoverymanager.dispatch.master.ContextGrant;
import io.recoverymanager.dispatch.master.FloodLimits;
import io.recoverymanager.dispatch.protocol.Names;
import io.recoverymanager.systemd.BusAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the daemon's TOML configuration strictly: every key is optional (defaults as documented),
 * but unknown keys, wrong types and bad values are errors that name the file, the line and the key.
 * All errors of a file are collected and reported together.
 *
 * <p>Thread-safety: immutable, safe for concurrent use.
 */
public final class ConfigLoader {
    /** Where the configuration is read from when no {@code --config} is given. */
    private static final java.util.regex.Pattern DBUS_NAME =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");

    private static final java.util.regex.Pattern DBUS_MEMBER =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Pattern WELL_KNOWN_BUS_NAME =
            Pattern.compile("(?=.{3,255}$)[A-Za-z_-][A-Za-z0-9_-]*(\\.[A-Za-z_-][A-Za-z0-9_-]*)+");

    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

    public static final Path DEFAULT_PATH = Path.of("/etc/recoverymanager/recoverymanager.toml");

    private static final Pattern CONTEXT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<Placeholder> DATA_PLACEHOLDERS = CommandTemplate.DATA_RESET_PLACEHOLDERS;
    private static final Set<Placeholder> SYSTEM_PLACEHOLDERS = CommandTemplate.SYSTEM_ACTION_PLACEHOLDERS;
    private static final long MAX_UID = Integer.MAX_VALUE;

    private final Path defaultPath;

    /** A loader whose default file is {@link #DEFAULT_PATH}. */
    public ConfigLoader() {
        this(DEFAULT_PATH);
    }

    /** A loader with another default file (for tests and packaged layouts). */
    public ConfigLoader(Path defaultPath) {
        this.defaultPath = defaultPath;
    }

    /**
     * Loads the configuration: the explicit file when given (it must exist), else the default file
     * (all defaults when it does not exist); then applies the overrides.
     */
    public DaemonConfig load(Optional<Path> explicitFile, ConfigOverrides overrides) throws ConfigException {
        Path file = explicitFile.orElse(defaultPath);
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (explicitFile.isEmpty()) {
                return DaemonConfig.defaults().with(overrides);
            }
            throw new ConfigException(new ConfigError(file.toString(), 0, "", "no such file"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(file.toString(), 0, "", "cannot read: " + e.getMessage()));
        }
        return parse(file.toString(), content).with(overrides);
    }

    /** Parses configuration text; {@code source} names it in errors. */
    public DaemonConfig parse(String source, String content) throws ConfigException {
        TomlLineIndex keyLines = TomlLineIndex.of(content);
        JsonNode root;
        try {
            root = TomlReader.DATES_AS_TEXT.read(content);
        } catch (JacksonException e) {
            var duplicate = keyLines.firstDefinedTwice();
            if (duplicate.isPresent()) {
                var d = duplicate.get();
                throw new ConfigException(new ConfigError(
                        source,
                        d.line(),
                        d.path(),
                        "duplicate " + (d.table() ? "table" : "key") + " (first on line " + d.firstLine() + ")"));
            }
            JsonLocation loc = e.getLocation();
            int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
            throw new ConfigException(new ConfigError(source, line, "", "not valid TOML: " + e.getOriginalMessage()));
        }
        Reader r = new Reader(source, keyLines);
        DaemonConfig config = r.read((ObjectNode) root);
        if (!r.errors.isEmpty()) {
            throw new ConfigException(r.errors);
        }
        return config;
    }

    /** One parse: the errors found so far and the key lines of the document. */
    private static final class Reader {
        private final String source;
        private final TomlLineIndex keyLines;
        private final List<ConfigError> errors = new ArrayList<>();

        Reader(String source, TomlLineIndex keyLines) {
            this.source = source;
            this.keyLines = keyLines;
        }

        DaemonConfig read(ObjectNode root) {
            DaemonConfig d = DaemonConfig.defaults();
            unknownKeys(
                    root,
                    "",
                    Set.of(
                            "run-mode",
                            "context",
                            "units-dir",
                            "state-dir",
                            "runtime-dir",
                            "bus",
                            "integrity-check-delay",
                            "ipc",
                            "commands",
                            "history",
                            "metrics",
                            "crash-reporter",
                            "control",
                            "logging",
                            "budget",
                            "vendor-units-dir"));
            RunMode runMode = value(
                    root,
                    "run-mode",
                    d.runMode(),
                    text(s -> RunMode.byName(s), "must be one of " + RunMode.acceptedNames()));
            String context = value(
                    root,
                    "context",
                    d.context(),
                    text(
                            s -> s.isEmpty() || CONTEXT_NAME.matcher(s).matches() ? Optional.of(s) : Optional.empty(),
                            "must be empty (the hostname) or a name of letters, digits, '.', '_' and '-'"));
            Path unitsDir = value(root, "units-dir", d.unitsDir(), absolutePath());
            Path stateDir = value(root, "state-dir", d.stateDir(), absolutePath());
            Path runtimeDir = value(root, "runtime-dir", d.runtimeDir(), absolutePath());
            BusAddress bus =
                    value(root, "bus", d.bus(), text(BusAddress::tryParse, "must be " + BusAddress.acceptedForms()));
            Duration integrity = value(root, "integrity-check-delay", d.integrityCheckDelay(), duration(true));

            ObjectNode ipcTable = table(
                    root,
                    "ipc",
                    Set.of(
                            "socket",
                            "timeout",
                            "allowed-uids",
                            "context",
                            "request-burst",
                            "requests-per-minute",
                            "notice-burst",
                            "notices-per-second",
                            "notice-coalesce",
                            "ledger-max-age",
                            "ledger-max-entries"));
            FloodLimits fl = d.ipc().limits();
            int requestsPerMinute = value(
                    ipcTable,
                    "ipc.requests-per-minute",
                    (int) (60_000 / fl.requestEvery().toMillis()),
                    positiveInt(60_000));
            int noticesPerSecond = value(
                    ipcTable,
                    "ipc.notices-per-second",
                    (int) (1000 / fl.noticeEvery().toMillis()),
                    positiveInt(1000));
            DaemonConfig.Ipc ipc = new DaemonConfig.Ipc(
                    value(ipcTable, "ipc.socket", d.ipc().socket(), absolutePath()),
                    value(ipcTable, "ipc.timeout", d.ipc().timeout(), duration(false)),
                    value(ipcTable, "ipc.allowed-uids", d.ipc().allowedUids(), this::uids),
                    value(ipcTable, "ipc.context", d.ipc().contexts(), this::contextGrants),
                    new FloodLimits(
                            value(ipcTable, "ipc.request-burst", fl.requestBurst(), positiveInt(1_000_000)),
                            Duration.ofMillis(60_000 / requestsPerMinute),
                            value(ipcTable, "ipc.notice-burst", fl.noticeBurst(), positiveInt(1_000_000)),
                            Duration.ofMillis(1000 / noticesPerSecond),
                            value(ipcTable, "ipc.notice-coalesce", fl.noticeCoalesce(), duration(true))),
                    value(ipcTable, "ipc.ledger-max-age", d.ipc().ledgerMaxAge(), duration(false)),
                    value(ipcTable, "ipc.ledger-max-entries", d.ipc().ledgerMaxEntries(), positiveInt(100_000_000)));

            ObjectNode commandsTable = table(
                    root,
                    "commands",
                    Set.of(
                            "public-data-reset",
                            "private-data-reset",
                            "context-restart",
                            "platform-restart",
                            "factory-reset"));
            DaemonConfig.Commands c = d.commands();
            DaemonConfig.Commands commands = new DaemonConfig.Commands(
                    value(commandsTable, "commands.public-data-reset", c.publicDataReset(), command(DATA_PLACEHOLDERS)),
                    value(
                            commandsTable,
                            "commands.private-data-reset",
                            c.privateDataReset(),
                            command(DATA_PLACEHOLDERS)),
                    value(commandsTable, "commands.context-restart", c.contextRestart(), command(SYSTEM_PLACEHOLDERS)),
                    value(
                            commandsTable,
                            "commands.platform-restart",
                            c.platformRestart(),
                            command(SYSTEM_PLACEHOLDERS)),
                    value(commandsTable, "commands.factory-reset", c.factoryReset(), command(SYSTEM_PLACEHOLDERS)));

            ObjectNode historyTable = table(root, "history", Set.of("max-age", "max-rows"));
            DaemonConfig.History history = new DaemonConfig.History(
                    value(historyTable, "history.max-age", d.history().maxAge(), duration(false)),
                    value(historyTable, "history.max-rows", d.history().maxRows(), (key, node) -> {
                        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 1) {
                            return error(key, "must be an integer of at least 1");
                        }
                        return Optional.of(node.asLong());
                    }));

            ObjectNode metricsTable = table(root, "metrics", Set.of("textfile"));
            DaemonConfig.Metrics metrics = new DaemonConfig.Metrics(
                    value(metricsTable, "metrics.textfile", d.metrics().textfile(), (key, node) -> {
                        if (!node.isTextual()) {
                            return error(key, "must be a string");
                        }
                        if (node.asText().isEmpty()) {
                            return Optional.of(Optional.empty());
                        }
                        return absolutePath().convert(key, node).map(Optional::of);
                    }));

            ObjectNode crashTable =
                    table(root, "crash-reporter", Set.of("bus", "interface", "member", "sender", "allowed-uids"));
            DaemonConfig.CrashReporter defaults = d.crashReporter();
            DaemonConfig.CrashReporter crashReporter = new DaemonConfig.CrashReporter(
                    value(crashTable, "crash-reporter.bus", defaults.address(), (key, node) -> {
                        if (!node.isTextual()) {
                            return error(key, "must be a string");
                        }
                        String text = node.asText();
                        if (text.equals("system")) {
                            return Optional.of(Optional.empty());
                        }
                        if (!text.startsWith("unix:path=/")) {
                            return error(key, "must be \"system\" or a unix:path=/... address");
                        }
                        return Optional.of(Optional.of(text));
                    }),
                    value(crashTable, "crash-reporter.interface", defaults.iface(), (key, node) -> {
                        if (!node.isTextual()
                                || !(node.asText().isEmpty()
                                        || DBUS_NAME.matcher(node.asText()).matches())) {
                            return error(key, "must be a D-Bus interface name such as \"org.example.CrashReporter\"");
                        }
                        return Optional.of(node.asText());
                    }),
                    value(crashTable, "crash-reporter.member", defaults.member(), (key, node) -> {
                        if (!node.isTextual()
                                || !DBUS_MEMBER.matcher(node.asText()).matches()) {
                            return error(key, "must be a D-Bus signal name such as \"ProcessCrashed\"");
                        }
                        return Optional.of(node.asText());
                    }),
                    value(crashTable, "crash-reporter.sender", defaults.sender(), (key, node) -> {
                        if (!node.isTextual()
                                || !(node.asText().isEmpty()
                                        || WELL_KNOWN_BUS_NAME
                                                .matcher(node.asText())
                                                .matches())) {
                            return error(key, "must be a well-known D-Bus name such as \"org.example.CrashReporter\"");
                        }
                        return Optional.of(node.asText());
                    }),
                    value(crashTable, "crash-reporter.allowed-uids", defaults.allowedUids(), this::uids));
            if (crashReporter.enabled() && crashReporter.sender().isEmpty()) {
                error(
                        "crash-reporter.interface",
                        "needs crash-reporter.sender, the crash reporter's well-known bus name: only its owner's"
                                + " signals are accepted");
            }

            ObjectNode controlTable = table(root, "control", Set.of("allowed-uids", "group"));
            DaemonConfig.Control control = new DaemonConfig.Control(
                    value(controlTable, "control.allowed-uids", d.control().allowedUids(), this::uids),
                    value(controlTable, "control.group", d.control().group(), (key, node) -> {
                        if (!node.isTextual()) {
                            return error(key, "must be a string");
                        }
                        if (node.asText().isEmpty()) {
                            return Optional.of(Optional.empty());
                        }
                        if (!GROUP_NAME.matcher(node.asText()).matches()) {
                            return error(key, "\"" + node.asText() + "\" is not a group name");
                        }
                        return Optional.of(Optional.of(node.asText()));
                    }));

            return new DaemonConfig(
                    runMode,
                    context,
                    unitsDir,
                    stateDir,
                    runtimeDir,
                    bus,
                    integrity,
                    ipc,
                    commands,
                    history,
                    metrics,
                    crashReporter,
                    control,
                    logging(root, d.logging()),
                    budgets(root, d.budgets()),
                    value(root, "vendor-units-dir", d.vendorUnitsDir(), absolutePath()));
        }

        /**
         * {@code [budget]}: {@code restart-platform} and {@code factory-reset} counts (0 forbids),
         * each with an optional {@code -window}; a count without a window keeps the default window.
         */
        private ActionBudgets budgets(ObjectNode root, ActionBudgets d) {
            ObjectNode table = table(
                    root,
                    "budget",
                    Set.of("restart-platform", "restart-platform-window", "factory-reset", "factory-reset-window"));
            java.util.Map<ActionType, ActionBudget> limits = new java.util.EnumMap<>(ActionType.class);
            for (ActionType type : ActionBudgets.BUDGETED) {
                ActionBudget fallback = d.limitFor(type).orElseThrow();
                String key = "budget." + type.tomlName();
                int count = value(table, key, fallback.count(), (k, node) -> {
                    if (!node.isIntegralNumber()
                            || !node.canConvertToInt()
                            || node.asInt() < 0
                            || node.asInt() > ActionBudget.MAX_COUNT) {
                        return error(k, "must be an integer from 0 to " + ActionBudget.MAX_COUNT);
                    }
                    return Optional.of(node.asInt());
                });
                Duration window = value(table, key + "-window", fallback.window(), (k, node) -> duration(false)
                        .convert(k, node)
                        .flatMap(w -> w.compareTo(ActionBudget.MAX_WINDOW) > 0
                                ? error(k, "must be at most 366d")
                                : Optional.of(w)));
                limits.put(type, new ActionBudget(count, window));
            }
            return new ActionBudgets(limits);
        }

        /** The {@code [logging]} section with its {@code [logging.dlt]} and context-id tables. */
        private LoggingConfig logging(ObjectNode root, LoggingConfig d) {
            ObjectNode table = table(root, "logging", Set.of("target", "level", "journal-socket", "dlt"));
            LogTarget target = value(
                    table,
                    "logging.target",
                    d.target(),
                    text(LogTarget::parse, "must be one of " + LogTarget.acceptedNames()));
            LogLevelSetting level = value(
                    table,
                    "logging.level",
                    d.level(),
                    text(LogLevelSetting::parse, "must be one of " + LogLevelSetting.acceptedNames()));
            java.nio.file.Path journalSocket =
                    value(table, "logging.journal-socket", d.journalSocket(), absolutePath());
            ObjectNode dltTable = subTable(table, "logging.dlt", Set.of("app-id", "library", "context-ids"));
            Converter<String> dltId = text(
                    s -> LoggingConfig.DLT_ID.matcher(s).matches() ? Optional.of(s) : Optional.empty(),
                    "must be a DLT id: 1 to 4 ASCII letters, digits, '_' or '-'");
            String appId = value(dltTable, "logging.dlt.app-id", d.dlt().appId(), dltId);
            String library = value(
                    dltTable,
                    "logging.dlt.library",
                    d.dlt().library(),
                    text(
                            s -> !s.isEmpty() && s.indexOf('\0') < 0 && (s.startsWith("/") || s.indexOf('/') < 0)
                                    ? Optional.of(s)
                                    : Optional.empty(),
                            "must be a library file name such as \"libdlt.so.2\" or an absolute path"));
            Set<String> areas = new java.util.TreeSet<>();
            for (LogArea area : LogArea.values()) {
                areas.add(area.configName());
            }
            ObjectNode idsTable = subTable(dltTable, "logging.dlt.context-ids", areas);
            Map<LogArea, String> ids = new java.util.EnumMap<>(LogArea.class);
            for (LogArea area : LogArea.values()) {
                String key = "logging.dlt.context-ids." + area.configName();
                ids.put(area, value(idsTable, key, d.dlt().contextIds().get(area), dltId));
            }
            // defaults first, so that a clash is reported on the key that was written
            Map<String, LogArea> used = new java.util.HashMap<>();
            List<LogArea> order = new ArrayList<>();
            for (LogArea area : LogArea.values()) {
                boolean written = idsTable != null && idsTable.has(area.configName());
                order.add(written ? order.size() : 0, area);
            }
            for (LogArea area : order) {
                LogArea other = used.putIfAbsent(ids.get(area), area);
                if (other != null) {
                    error(
                            "logging.dlt.context-ids." + area.configName(),
                            "\"" + ids.get(area) + "\" is already the context id of " + other.configName());
                }
            }
            return new LoggingConfig(target, level, new LoggingConfig.Dlt(appId, ids, library), journalSocket);
        }

        /** A table inside a table ({@code key} is the full dotted key), or null when absent or bad. */
        private ObjectNode subTable(ObjectNode parent, String key, Set<String> known) {
            if (parent == null) {
                return null;
            }
            JsonNode node = parent.get(key.substring(key.lastIndexOf('.') + 1));
            if (node == null) {
                return null;
            }
            if (!(node instanceof ObjectNode table)) {
                error(key, "must be a table ([" + key + "])");
                return null;
            }
            unknownKeys(table, key + ".", known);
            return table;
        }

        /** Reads one value: the default when absent, the converted value, or the default plus an error. */
        private <T> T value(ObjectNode table, String key, T defaultValue, Converter<T> converter) {
            if (table == null) {
                return defaultValue;
            }
            String name = key.substring(key.lastIndexOf('.') + 1);
            JsonNode node = table.get(name);
            if (node == null) {
                return defaultValue;
            }
            return converter.convert(key, node).orElse(defaultValue);
        }

        /** A top-level table ({@code key} has no dot), or null when absent or (with an error) not a table. */
        private ObjectNode table(ObjectNode root, String key, Set<String> known) {
            return subTable(root, key, known);
        }

        private void unknownKeys(ObjectNode table, String prefix, Set<String> known) {
            for (Map.Entry<String, JsonNode> field : table.properties()) {
                String name = field.getKey();
                if (!known.contains(name)) {
                    error(
                            prefix + name,
                            "unknown key (known here: "
                                    + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }

        private <T> Optional<T> error(String key, String reason) {
            errors.add(new ConfigError(source, keyLines.lineOf(indexPath(key)), key, reason));
            return Optional.empty();
        }

        private <T> Converter<T> text(Function<String, Optional<T>> parse, String reason) {
            return (key, node) -> {
                if (!node.isTextual()) {
                    return error(key, "must be a string");
                }
                Optional<T> value = parse.apply(node.asText());
                return value.isPresent() ? value : error(key, "\"" + node.asText() + "\" " + reason);
            };
        }

        private Converter<Path> absolutePath() {
            return (key, node) -> {
                if (!node.isTextual()) {
                    return error(key, "must be a string");
                }
                String s = node.asText();
                if (s.isEmpty() || !s.startsWith("/")) {
                    return error(key, "\"" + s + "\" must be an absolute path");
                }
                Path p = Path.of(s);
                if (!p.normalize()
                        .toString()
                        .equals(s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s)) {
                    return error(key, "\"" + s + "\" must be a normalized path (no '.', '..' or '//')");
                }
                return Optional.of(p);
            };
        }

        private Converter<Duration> duration(boolean zeroAllowed) {
            String expected =
                    "must be a duration such as \"500ms\", \"30s\", \"5m\", \"1h\", \"30d\" or integer seconds";
            return (key, node) -> {
                Optional<Duration> d;
                if (node.isIntegralNumber()) {
                    d = node.canConvertToLong() && node.asLong() >= 0 && node.asLong() < 1L << 40
                            ? Optional.of(Duration.ofSeconds(node.asLong()))
                            : Optional.empty();
                } else if (node.isTextual()) {
                    d = parseDuration(node.asText());
                } else {
                    d = Optional.empty();
                }
                if (d.isEmpty()) {
                    return error(key, (node.isTextual() ? "\"" + node.asText() + "\" " : "") + expected);
                }
                if (!zeroAllowed && d.get().isZero()) {
                    return error(key, "must be greater than 0");
                }
                return d;
            };
        }

        private Optional<List<Integer>> uids(String key, JsonNode node) {
            if (!node.isArray()) {
                return error(key, "must be an array of user ids, e.g. [0, 1000]");
            }
            List<Integer> uids = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < node.size(); i++) {
                JsonNode n = node.get(i);
                if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0 || n.asLong() > MAX_UID) {
                    error(
                            key,
                            "element " + (i + 1) + " (" + n + ") must be a user id, an integer from 0 to " + MAX_UID);
                    ok = false;
                } else {
                    uids.add((int) n.asLong());
                }
            }
            return ok ? Optional.of(uids) : Optional.empty();
        }

        private Converter<Integer> positiveInt(int max) {
            return (key, node) -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 1 || node.asLong() > max) {
                    return error(key, "must be an integer from 1 to " + max);
                }
                return Optional.of((int) node.asLong());
            };
        }

        /** {@code [[ipc.context]]}: name, uid, optional machine, optional actions. */
        private Optional<List<ContextGrant>> contextGrants(String key, JsonNode node) {
            if (!node.isArray()) {
                return error(key, "must be an array of tables ([[ipc.context]] with name, uid, machine, actions)");
            }
            List<ContextGrant> grants = new ArrayList<>();
            Set<String> names = new java.util.HashSet<>();
            boolean ok = true;
            for (int i = 0; i < node.size(); i++) {
                String at = key + "[" + (i + 1) + "]";
                if (!(node.get(i) instanceof ObjectNode t)) {
                    error(at, "must be a table with name, uid, machine, actions");
                    ok = false;
                    continue;
                }
                int errorsBefore = errors.size();
                unknownKeys(t, at + ".", Set.of("name", "uid", "machine", "actions"));
                String name = required(
                        t,
                        at + ".name",
                        text(
                                s -> Names.contextProblem(s).isEmpty() ? Optional.of(s) : Optional.empty(),
                                "must be a context name: 1-64 of letters, digits, '.', '_' and '-', starting with a"
                                        + " letter or digit"));
                Integer uid = required(t, at + ".uid", (k, n) -> {
                    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0 || n.asLong() > MAX_UID) {
                        return error(k, "must be a user id, an integer from 0 to " + MAX_UID);
                    }
                    return Optional.of((int) n.asLong());
                });
                Optional<String> machine = value(
                        t,
                        at + ".machine",
                        Optional.<String>empty(),
                        text(
                                s -> Names.contextProblem(s).isEmpty() ? Optional.of(Optional.of(s)) : Optional.empty(),
                                "must be a machine name as machinectl lists it"));
                Set<ActionType> actions = value(t, at + ".actions", Set.of(ActionType.RESTART_CONTEXT), (k, n) -> {
                    if (!n.isArray()) {
                        return error(k, "must be an array of system-level actions, e.g. [\"restart-context\"]");
                    }
                    Set<ActionType> set = EnumSet.noneOf(ActionType.class);
                    for (int j = 0; j < n.size(); j++) {
                        JsonNode a = n.get(j);
                        Optional<ActionType> type = a.isTextual()
                                ? ActionType.byName(a.asText())
                                        .filter(ActionType::isSystemLevel)
                                        .filter(t2 -> t2.tomlName().equals(a.asText()))
                                : Optional.empty();
                        if (type.isEmpty()) {
                            return error(
                                    k,
                                    "element " + (j + 1) + " (" + a + ") must be one of restart-context,"
                                            + " restart-platform, factory-reset");
                        }
                        set.add(type.get());
                    }
                    return Optional.of(set);
                });
                if (errors.size() > errorsBefore || name == null || uid == null) {
                    ok = false;
                    continue;
                }
                if (!names.add(name)) {
                    error(at + ".name", "context \"" + name + "\" is configured twice");
                    ok = false;
                    continue;
                }
                grants.add(new ContextGrant(name, uid, machine, actions));
            }
            return ok ? Optional.of(grants) : Optional.empty();
        }

        /** Reads a value that must be present; null (with an error) when absent or bad. */
        private <T> T required(ObjectNode table, String key, Converter<T> converter) {
            String name = key.substring(key.lastIndexOf('.') + 1);
            JsonNode node = table.get(name);
            if (node == null) {
                error(key, "is required");
                return null;
            }
            return converter.convert(key, node).orElse(null);
        }

        private Converter<Optional<CommandTemplate>> command(Set<Placeholder> allowed) {
            return (key, node) -> {
                if (!node.isArray()) {
                    return error(
                            key,
                            "must be an array of strings (program and arguments), e.g. [\"systemctl\", \"reboot\"]");
                }
                if (node.isEmpty()) {
                    return Optional.of(Optional.empty());
                }
                List<String> strings = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    JsonNode n = node.get(i);
                    if (!n.isTextual()) {
                        return error(key, "argument " + (i + 1) + " (" + n + ") must be a string");
                    }
                    strings.add(n.asText());
                }
                CommandTemplate.Parsed parsed = CommandTemplate.parse(strings, allowed);
                if (parsed instanceof CommandTemplate.Parsed.Invalid invalid) {
                    return error(key, invalid.reason());
                }
                return Optional.of(Optional.of(((CommandTemplate.Parsed.Valid) parsed).template()));
            };
        }
    }

    private static final Pattern ONE_BASED_INDEX = Pattern.compile("\\[(\\d+)]");

    /**
     * The index's path of a key as errors name it: errors count the elements of an array of tables
     * from 1 ({@code ipc.context[1]}, as an operator counts), the index from 0.
     */
    static String indexPath(String key) {
        return ONE_BASED_INDEX.matcher(key).replaceAll(m -> "[" + (Integer.parseInt(m.group(1)) - 1) + "]");
    }

    /** Converts one TOML value, recording an error and returning empty when it is bad. */
    @FunctionalInterface
    private interface Converter<T> {
        Optional<T> convert(String key, JsonNode node);
    }

    private static Optional<Duration> parseDuration(String text) {
        try {
            return Optional.of(Durations.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
