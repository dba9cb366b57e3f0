package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.core.unit.UnitParser;
import io.recoverymanager.daemon.units.UnitFileTrust;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        List<Path> targets = paths;
        if (targets.isEmpty()) {
            targets = List.of(config.load(root.environment().configLoader()).unitsDir());
        }
        PrintWriter out = spec.commandLine().getOut();
        UnitFileTrust trust = UnitFileTrust.forThisProcess();
        UnitFiles.Expansion expansion = UnitFiles.expand(targets, trust);
        List<String> problems = new ArrayList<>(expansion.problems());
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
                String service = ((ParseResult.Valid) result).unit().service();
                Path other = services.putIfAbsent(service, file);
                if (other != null) {
                    problems.add(file + ": service: " + service + " already has a unit in " + other);
                } else {
                    valid++;
                }
            }
        }
        problems.forEach(out::println);
        int files = expansion.files().size();
        if (problems.isEmpty()) {
            out.println(files + (files == 1 ? " unit" : " units") + " valid");
            return ExitCodes.OK;
        }
        out.println((files - valid) + " of " + files + (files == 1 ? " unit" : " units") + " invalid, "
                + problems.size() + (problems.size() == 1 ? " error" : " errors"));
        return ExitCodes.INVALID_UNITS;
    }
}
