package io.recoverymanager.daemon.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.core.unit.UnitParser;
import io.recoverymanager.core.unit.UnitWarnings;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.view.Json;
import io.recoverymanager.migrate.LegacyUnitFiles;
import io.recoverymanager.runtime.LayeredUnitDirectory;
import io.recoverymanager.runtime.UnitFileTrust;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager check [FILE|DIR]…}: validates recovery units without running anything.
 * Prints every error as {@code file:line: key: reason}; exits 0 when all units are valid and 1
 * otherwise. Without arguments it checks the configured units directory. Files and directories the
 * daemon would not trust ({@link UnitFileTrust}) are errors too. Two files for the same
 * service are an error too, as the daemon would refuse the second.
 *
 * <p>Warnings do not change the exit code: actions that can never run because an earlier action
 * has {@code reset = true} ({@link UnitWarnings}), and {@code *.recovery} files of the original C
 * implementation in a directory checked (the daemon does not read them), each with the {@code
 * convert} command to run. With {@code --config FILE}, that configuration file is loaded and
 * validated first: a missing file exits 66, errors ({@code file:line: key: reason}) exit 78; the units
 * are then checked against it too ({@link UnitConfigCheck}: data paths in the daemon's own
 * directories, system actions without a configured command, budgets that allow none). Without
 * arguments it checks the daemon's units as the daemon reads them: the vendor layer ({@code
 * vendor-units-dir}) under {@code units-dir}, overridden by name and masked by a link to {@code
 * /dev/null} ({@link LayeredUnitDirectory}). {@code --json} prints one object with every finding.
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Validate recovery units (files, or directories of *.toml); exit 1 listing every error.")
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    RecoveryManagerCommand root;

    @Mixin
    ConfigFileOptions.UnitsOptions config;

    @Parameters(
            paramLabel = "FILE|DIR",
            arity = "0..*",
            description = "Units or unit directories (default: units-dir).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Path> configFile = config.explicitConfig();
        Report report = new Report(configFile.map(Path::toString));
        if (configFile.isPresent() && !Files.exists(configFile.get())) {
            report.configErrors.add(configFile.get() + ": no such file");
            return report.finish(out, ExitCodes.NO_INPUT, configFile.get() + ": no such file");
        }
        Optional<DaemonConfig> daemonConfig = Optional.empty();
        if (paths.isEmpty() || configFile.isPresent()) {
            try {
                daemonConfig = Optional.of(config.load(root.environment().configLoader()));
            } catch (CliException e) {
                report.configErrors.addAll(e.getMessage().lines().toList());
                return report.finish(out, e.exitCode(), e.getMessage());
            }
            configFile.ifPresent(f -> report.configValid = true);
        }
        UnitFileTrust trust = UnitFileTrust.forThisProcess();
        List<Path> files = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        if (paths.isEmpty()) {
            // the daemon's own units: the vendor layer under the operator's, as the daemon reads them
            DaemonConfig c = daemonConfig.orElseThrow();
            directories.addAll(List.of(c.vendorUnitsDir(), c.unitsDir()));
            for (Path dir : directories) {
                directoryProblem(trust, dir).ifPresent(report.problems::add);
            }
            if (report.problems.isEmpty()) { // an untrusted directory is not read, as by the daemon
                try {
                    LayeredUnitDirectory.Layers layers =
                            new LayeredUnitDirectory(c.vendorUnitsDir(), c.unitsDir()).layers();
                    files.addAll(layers.files());
                    report.notes.addAll(layers.notes());
                } catch (IOException e) {
                    report.problems.add(e.getMessage());
                }
            }
        } else {
            UnitFiles.Expansion expansion = UnitFiles.expand(paths, trust);
            report.problems.addAll(expansion.problems());
            for (Path file : expansion.files()) {
                if (LayeredUnitDirectory.isMask(file)) {
                    report.notes.add(file + ": masked (a link to /dev/null)");
                } else {
                    files.add(file);
                }
            }
            paths.stream().filter(Files::isDirectory).forEach(directories::add);
        }
        for (Path target : directories) {
            try {
                for (Path legacy : LegacyUnitFiles.in(target)) {
                    report.warnings.add(
                            UnitError.describe(legacy.toString(), 0, "warning", LegacyUnitFiles.advice(legacy)));
                }
            } catch (IOException e) {
                report.problems.add(target + ": cannot list the directory: " + e.getMessage());
            }
        }
        Optional<UnitConfigCheck> againstConfig = daemonConfig.map(
                c -> new UnitConfigCheck(c, configFile.map(Path::toString).orElse("the configuration")));
        UnitParser parser = new UnitParser();
        Map<String, Path> services = new HashMap<>();
        int valid = 0;
        for (Path file : files) {
            // The same trust rules as the daemon's units directory (owner, mode, size, no link).
            UnitFileTrust.Content read = trust.read(file);
            if (read instanceof UnitFileTrust.Content.Refused refused) {
                report.problems.add(file + ": " + refused.reason());
                continue;
            }
            String content = ((UnitFileTrust.Content.Trusted) read).text();
            ParseResult result = parser.parse(file.toString(), content);
            if (result instanceof ParseResult.Invalid invalid) {
                for (UnitError error : invalid.errors()) {
                    report.problems.add(error.toString());
                }
                continue;
            }
            RecoveryUnit unit = ((ParseResult.Valid) result).unit();
            for (UnitError w : UnitWarnings.of(file.toString(), content, unit)) {
                report.warnings.add(UnitError.describe(w.source(), w.line(), "warning", w.key() + ": " + w.reason()));
            }
            int before = report.problems.size();
            againstConfig.ifPresent(check -> {
                UnitConfigCheck.Findings findings = check.of(file.toString(), content, unit);
                report.problems.addAll(findings.errors());
                report.warnings.addAll(findings.warnings());
            });
            String service = unit.service();
            Path other = services.putIfAbsent(service, file);
            if (other != null) {
                report.problems.add(file + ": service: " + service + " already has a unit in " + other);
            } else if (report.problems.size() == before) {
                valid++;
            }
        }
        report.units = files.size();
        report.validUnits = valid;
        return report.finish(out, report.problems.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_UNITS, "");
    }

    private static Optional<String> directoryProblem(UnitFileTrust trust, Path dir) {
        try {
            return trust.directoryProblem(dir).map(p -> dir + ": units directory " + p);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(dir + ": cannot look at the directory: " + e.getMessage());
        }
    }

    /** What one run found, printed as text or JSON. */
    private final class Report {
        final Optional<String> configFile;
        boolean configValid;
        final List<String> configErrors = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        int units;
        int validUnits;

        Report(Optional<String> configFile) {
            this.configFile = configFile;
        }

        /**
         * Prints the report and returns the exit code; a configuration error in text mode is
         * thrown as before (the launcher prints it to stderr).
         */
        int finish(PrintWriter out, int exitCode, String configMessage) {
            if (json) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("valid", exitCode == ExitCodes.OK);
                o.put("exit_code", exitCode);
                ObjectNode c = o.putObject("config");
                c.put("file", configFile.orElse(null));
                c.put("valid", configErrors.isEmpty());
                strings(c.putArray("errors"), configErrors);
                o.put("units", units);
                o.put("valid_units", validUnits);
                strings(o.putArray("errors"), problems);
                strings(o.putArray("warnings"), warnings);
                strings(o.putArray("notes"), notes);
                out.println(Json.write(o));
                return exitCode;
            }
            if (!configErrors.isEmpty()) {
                throw new CliException(exitCode, configMessage);
            }
            if (configValid) {
                out.println(configFile.orElseThrow() + ": configuration valid");
            }
            problems.forEach(out::println);
            warnings.forEach(out::println);
            notes.forEach(n -> out.println(n));
            if (problems.isEmpty()) {
                out.println(units + (units == 1 ? " unit" : " units") + " valid"
                        + (warnings.isEmpty()
                                ? ""
                                : ", " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings")));
            } else {
                out.println((units - validUnits) + " of " + units + (units == 1 ? " unit" : " units") + " invalid, "
                        + problems.size() + (problems.size() == 1 ? " error" : " errors"));
            }
            return exitCode;
        }

        private static void strings(ArrayNode array, List<String> values) {
            values.forEach(array::add);
        }
    }
}
