package io.recoverymanager.migrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the C implementation's configuration (a GLib key file with a {@code [recoverymanager]}
 * group) into the TOML configuration.
 *
 * <p>Mapping: {@code RunMode} primary/replica/auto gives {@code run-mode} master/slave/auto (the C
 * daemon compared exactly {@code primary} and {@code replica} and auto-detected on anything else,
 * so any other value is an error rather than a guess); {@code IntegrityCheckTimeout} (seconds)
 * gives {@code integrity-check-delay}; {@code UnitsDirectory} and {@code DatabaseDirectory} give
 * {@code units-dir} and {@code state-dir}; {@code IpcSocketFile} and {@code IpcSocketTimeout} give
 * {@code [ipc] socket} and {@code timeout}; the four commands give {@code [commands]} argv arrays.
 * The C daemon ran its commands as {@code sh -c "..."}: a command is converted only when the shell
 * did nothing but split words ({@link ShellWords}); {@code rm -rf ${path}/*} for a data reset
 * becomes the built-in reset; {@code ${path}} and {@code ${service_name}} become the placeholders
 * {@code ${path}} and {@code ${service}} and must be whole words. A build-time {@code @placeholder@}
 * left in a value, an unknown group or key, a key given twice, a line that is not {@code key =
 * value}: each is an error naming the file, line and key; all errors of a file are reported and
 * nothing is written for a file with errors.
 *
 * <p>Thread-safety: stateless, safe for concurrent use.
 */
public final class LegacyConfigConverter {
    /** The C implementation's only group. */
    public static final String GROUP = "recoverymanager";

    private static final Pattern GROUP_LINE = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern BUILD_PLACEHOLDER = Pattern.compile("@[A-Za-z_][A-Za-z0-9_]*@");
    private static final Pattern BUILT_IN_RESET = Pattern.compile("rm\\s+-(rf|fr)\\s+\\$\\{path}/\\*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final List<String> KEYS = List.of(
            "RunMode",
            "IntegrityCheckTimeout",
            "UnitsDirectory",
            "DatabaseDirectory",
            "PublicDataResetCommand",
            "PrivateDataResetCommand",
            "PlatformRestartCommand",
            "FactoryResetCommand",
            "IpcSocketFile",
            "IpcSocketTimeout");

    /**
     * Whether {@code content} is a key file rather than an XML unit: its first line that is neither
     * blank nor a {@code #} comment is a {@code [group]} header. Decided by content, not file name.
     */
    public static boolean looksLikeConfig(String content) {
        for (String raw : content.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            return line.startsWith("[");
        }
        return false;
    }

    /** Converts one configuration file's content; {@code source} names it in errors and the header. */
    public ConfigConversion convert(String source, String content) {
        List<ConversionError> errors = new ArrayList<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        String group = null;
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher g = GROUP_LINE.matcher(line);
            if (g.matches()) {
                group = g.group(1);
                if (!group.equals(GROUP)) {
                    errors.add(new ConversionError(
                            source,
                            lineNo,
                            "[" + group + "]",
                            "unknown group (the C implementation read only [" + GROUP + "])"));
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                errors.add(new ConversionError(source, lineNo, "", "not a 'Key = value' line: \"" + line + "\""));
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = unescape(line.substring(eq + 1).strip());
            if (group == null) {
                errors.add(new ConversionError(source, lineNo, key, "key outside of the [" + GROUP + "] group"));
                continue;
            }
            if (!group.equals(GROUP)) {
                continue; // the group is reported already
            }
            if (!KEYS.contains(key)) {
                errors.add(new ConversionError(
                        source, lineNo, key, "unknown key (known: " + String.join(", ", KEYS) + ")"));
                continue;
            }
            Entry previous = entries.putIfAbsent(key, new Entry(key, value, lineNo));
            if (previous != null) {
                errors.add(new ConversionError(
                        source, lineNo, key, "appears twice (first on line " + previous.line() + ")"));
            }
        }
        if (group == null && errors.isEmpty()) {
            errors.add(new ConversionError(source, 0, "", "no [" + GROUP + "] group: not a configuration file"));
        }
        for (Entry e : entries.values()) {
            Matcher m = BUILD_PLACEHOLDER.matcher(e.value());
            if (m.find()) {
                errors.add(new ConversionError(
                        source,
                        e.line(),
                        e.key(),
                        "\"" + e.value() + "\" still holds the build-time placeholder " + m.group()
                                + ", which the C package replaced when it was built (@config_dir@ was normally"
                                + " /etc): write the real value"));
            }
        }
        if (!errors.isEmpty()) {
            return new ConfigConversion.Failed(source, errors);
        }
        Run run = new Run(source, errors);
        String toml = run.toml(entries);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(ConversionError::line));
            return new ConfigConversion.Failed(source, errors);
        }
        return new ConfigConversion.Converted(source, toml);
    }

    /** A key's value and where it was. */
    private record Entry(String key, String value, int line) {}

    /** GLib key-file string escapes: \s \n \t \r \\. */
    private static String unescape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                String replaced =
                        switch (next) {
                            case 's' -> " ";
                            case 'n' -> "\n";
                            case 't' -> "\t";
                            case 'r' -> "\r";
                            case '\\' -> "\\";
                            default -> null;
                        };
                if (replaced != null) {
                    b.append(replaced);
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Writing one file's TOML; errors are added to the shared list. */
    private static final class Run {
        private final String source;
        private final List<ConversionError> errors;

        Run(String source, List<ConversionError> errors) {
            this.source = source;
            this.errors = errors;
        }

        String toml(Map<String, Entry> entries) {
            StringBuilder top = new StringBuilder();
            top.append("# Converted by `recoverymanager convert` from ")
                    .append(source)
                    .append("\n# Keys not written here take the defaults documented in the example configuration.\n");
            Entry runMode = entries.get("RunMode");
            if (runMode != null) {
                String mode =
                        switch (runMode.value()) {
                            case "primary" -> "master";
                            case "replica" -> "slave";
                            case "auto" -> "auto";
                            default -> null;
                        };
                if (mode == null) {
                    error(
                            runMode,
                            "\"" + runMode.value() + "\" is not primary, replica or auto: the C daemon"
                                    + " auto-detected on any other value; write RunMode = auto if that is what you"
                                    + " want");
                } else {
                    top.append("run-mode = ")
                            .append(TomlText.string(mode))
                            .append("   # was RunMode = ")
                            .append(runMode.value())
                            .append('\n');
                }
            }
            seconds(entries.get("IntegrityCheckTimeout"), "integrity-check-delay", true, top);
            path(entries.get("UnitsDirectory"), "units-dir", top);
            path(entries.get("DatabaseDirectory"), "state-dir", top);

            StringBuilder ipc = new StringBuilder();
            path(entries.get("IpcSocketFile"), "socket", ipc);
            seconds(entries.get("IpcSocketTimeout"), "timeout", false, ipc);

            StringBuilder commands = new StringBuilder();
            command(entries.get("PublicDataResetCommand"), "public-data-reset", true, commands);
            command(entries.get("PrivateDataResetCommand"), "private-data-reset", true, commands);
            command(entries.get("PlatformRestartCommand"), "platform-restart", false, commands);
            command(entries.get("FactoryResetCommand"), "factory-reset", false, commands);

            StringBuilder out = new StringBuilder(top);
            if (ipc.length() > 0) {
                out.append("\n[ipc]\n").append(ipc);
            }
            if (commands.length() > 0) {
                out.append("\n[commands]\n").append(commands);
            }
            return out.toString();
        }

        private void seconds(Entry e, String key, boolean zeroAllowed, StringBuilder out) {
            if (e == null) {
                return;
            }
            if (!DIGITS.matcher(e.value()).matches() || (!zeroAllowed && Long.parseLong(e.value()) == 0)) {
                error(
                        e,
                        "\"" + e.value() + "\" must be a whole number of seconds"
                                + (zeroAllowed ? "" : " greater than 0"));
                return;
            }
            out.append(key)
                    .append(" = ")
                    .append(TomlText.string(Long.parseLong(e.value()) + "s"))
                    .append('\n');
        }

        private void path(Entry e, String key, StringBuilder out) {
            if (e == null) {
                return;
            }
            String v = e.value();
            if (!v.startsWith("/")) {
                error(e, "\"" + v + "\" must be an absolute path");
                return;
            }
            String normal = v.length() > 1 && v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
            out.append(key).append(" = ").append(TomlText.string(normal)).append('\n');
        }

        private void command(Entry e, String key, boolean dataReset, StringBuilder out) {
            if (e == null) {
                return;
            }
            String v = e.value().strip();
            if (v.isEmpty()) {
                error(e, "is empty: the C daemon ran nothing useful; remove the key or write the command");
                return;
            }
            if (dataReset && BUILT_IN_RESET.matcher(v).matches()) {
                out.append(key)
                        .append(" = []   # the built-in reset of the directory's contents (was: ")
                        .append(v.replace("\n", " "))
                        .append(")\n");
                return;
            }
            ShellWords.Split split = ShellWords.split(v);
            if (split instanceof ShellWords.Split.NeedsShell needs) {
                error(
                        e,
                        "\"" + v + "\" needs a shell (" + needs.what() + "), and commands now run as argv"
                                + " without one: put it in a script that takes its values as arguments ($1 ...)"
                                + " and write " + key + " = [\"/path/to/script\""
                                + (dataReset ? ", \"${path}\"" : "") + "]"
                                + (dataReset
                                        ? ", or write [] for the built-in reset of the directory's contents"
                                        : ""));
                return;
            }
            List<String> argv = new ArrayList<>();
            for (String word : ((ShellWords.Split.Words) split).words()) {
                String mapped = placeholder(e, word, dataReset);
                if (mapped == null) {
                    return;
                }
                argv.add(mapped);
            }
            if (argv.get(0).startsWith("${")) {
                error(e, "\"" + v + "\": the program must not be a placeholder");
                return;
            }
            out.append(key).append(" = [");
            for (int i = 0; i < argv.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(TomlText.string(argv.get(i)));
            }
            out.append("]   # was: ").append(v.replace("\n", " ")).append('\n');
        }

        /** Maps C placeholders onto ours; null (with an error) when a word cannot be mapped. */
        private String placeholder(Entry e, String word, boolean dataReset) {
            if (!word.contains("${")) {
                return word;
            }
            String mapped =
                    switch (word) {
                        case "${path}" -> dataReset ? "${path}" : null;
                        case "${service_name}" -> "${service}";
                        default -> null;
                    };
            if (mapped != null) {
                return mapped;
            }
            if (word.equals("${path}")) {
                error(e, "${path} exists only for the data-reset commands");
            } else if (word.contains("${path}") || word.contains("${service_name}")) {
                error(
                        e,
                        "\"" + word + "\": a placeholder must now be a whole argument, not part of one; pass it"
                                + " to a script as its own argument");
            } else {
                error(
                        e,
                        "\"" + word + "\": unknown placeholder (the C daemon replaced only ${path} and"
                                + " ${service_name})");
            }
            return null;
        }

        private void error(Entry e, String reason) {
            errors.add(new ConversionError(source, e.line(), e.key(), reason));
        }
    }
}
