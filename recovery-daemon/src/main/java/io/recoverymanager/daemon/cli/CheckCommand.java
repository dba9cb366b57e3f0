package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.core.unit.UnitParser;
import io.recoverymanager.core.unit.UnitWarnings;
import io.recoverymanager.daemon.units.LegacyUnitFiles;
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
 * validated first: a missing file exits 66, errors ({@code file:line: key: reason}) exit 78.
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
    ConfigOptions config;

    @Parameters(
            paramLabel = "FILE|DIR",
            arity = "0..*",
            description = "Units or unit directories (default: units-dir).")
    List<Path> paths = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Path> configFile = config.explicitConfig();
        if (configFile.isPresent() && !Files.exists(configFile.get())) {
            throw new CliException(ExitCodes.NO_INPUT, configFile.get() + ": no such file");
        }
        List<Path> targets = paths;
        if (targets.isEmpty() || configFile.isPresent()) {
            Path unitsDir = config.load(root.environment().configLoader()).unitsDir();
            configFile.ifPresent(f -> out.println(f + ": configuration valid"));
            if (targets.isEmpty()) {
                targets = List.of(unitsDir);
            }
        }
        UnitFileTrust trust = UnitFileTrust.forThisProcess();
        UnitFiles.Expansion expansion = UnitFiles.expand(targets, trust);
        List<String> problems = new ArrayList<>(expansion.problems());
        List<String> warnings = new ArrayList<>();
        for (Path target : targets) {
            if (Files.isDirectory(target)) {
                try {
                    for (Path legacy : LegacyUnitFiles.in(target)) {
                        warnings.add(
                                UnitError.describe(legacy.toString(), 0, "warning", LegacyUnitFiles.advice(legacy)));
                    }
                } catch (IOException e) {
                    problems.add(target + ": cannot list the directory: " + e.getMessage());
                }
            }
        }
        UnitParser parser = new UnitParser();
        Map<String, Path> services = new HashMap<>();
        int valid = 0;
        for (Path file : expansion.files()) {
            // The same trust rules as the daemon's units directory (owner, mode, size, no link).
            UnitFileTrust.Content read = trust.read(file);
            if (read instanceof UnitFileTrust.Content.Refused refused) {
                problems.add(file + ": " + refused.reason());
                continue;
            }
            String content = ((UnitFileTrust.Content.Trusted) read).text();
            ParseResult result = parser.parse(file.toString(), content);
            if (result instanceof ParseResult.Invalid invalid) {
                for (UnitError error : invalid.errors()) {
                    problems.add(error.toString());
                }
            } else {
                RecoveryUnit unit = ((ParseResult.Valid) result).unit();
                for (UnitError w : UnitWarnings.of(file.toString(), content, unit)) {
                    warnings.add(UnitError.describe(w.source(), w.line(), "warning", w.key() + ": " + w.reason()));
                }
                String service = unit.service();
                Path other = services.putIfAbsent(service, file);
                if (other != null) {
                    problems.add(file + ": service: " + service + " already has a unit in " + other);
                } else {
                    valid++;
                }
            }
        }
        problems.forEach(out::println);
        warnings.forEach(out::println);
        int files = expansion.files().size();
        if (problems.isEmpty()) {
            out.println(files + (files == 1 ? " unit" : " units") + " valid"
                    + (warnings.isEmpty()
                            ? ""
                            : ", " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings")));
            return ExitCodes.OK;
        }
        out.println((files - valid) + " of " + files + (files == 1 ? " unit" : " units") + " invalid, "
                + problems.size() + (problems.size() == 1 ? " error" : " errors"));
        return ExitCodes.INVALID_UNITS;
    }
}
