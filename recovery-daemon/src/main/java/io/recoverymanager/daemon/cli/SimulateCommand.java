package io.recoverymanager.daemon.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.core.unit.UnitParser;
import io.recoverymanager.daemon.view.Json;
import io.recoverymanager.testkit.PolicySimulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager simulate UNIT --failures N [--interval D] [--json]}: runs the real engine
 * on the testkit's fake systemd with a virtual clock and prints the timeline: each failure with its
 * rvector and decision, and when the relax timer resets the rvector. Nothing on the machine is
 * touched.
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Show what the engine would do when a unit's service fails N times (virtual time, no systemd).")
public final class SimulateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "UNIT", description = "The recovery unit (.toml) to simulate.")
    Path unitFile;

    @Option(names = "--failures", paramLabel = "N", required = true, description = "How many times the service fails.")
    int failures;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "10s",
            description = "Time between failures (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (failures < 0 || failures > 100_000) {
            throw new CliException(ExitCodes.USAGE, "--failures must be between 0 and 100000, was " + failures);
        }
        String content;
        try {
            content = Files.readString(unitFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.NO_INPUT, unitFile + ": no such file");
        }
        ParseResult parsed = new UnitParser().parse(unitFile.toString(), content);
        if (parsed instanceof ParseResult.Invalid invalid) {
            throw new CliException(
                    ExitCodes.DATA_ERROR,
                    invalid.errors().stream().map(UnitError::toString).collect(Collectors.joining("\n")));
        }
        RecoveryUnit unit = ((ParseResult.Valid) parsed).unit();
        PolicySimulation simulation = new PolicySimulation(unit, failures, interval);
        List<PolicySimulation.Step> steps = simulation.run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(steps));
        } else {
            out.printf(
                    Locale.ROOT,
                    "%s: %d failure(s) %ss apart, relax time %ss%n",
                    simulation.service(),
                    failures,
                    seconds(interval),
                    seconds(unit.relaxTime()));
            budgetsLine(unit).ifPresent(out::println);
            out.printf(Locale.ROOT, "%10s  %-14s %7s  %-20s %s%n", "at", "event", "rvector", "action", "detail");
            for (PolicySimulation.Step step : steps) {
                RecoveryEvent e = step.event();
                out.printf(
                        Locale.ROOT,
                        "%9.3fs  %-14s %7d  %-20s %s%n",
                        step.atSeconds(),
                        e.kind(),
                        e.rvector(),
                        e.action().isEmpty() ? "-" : e.action(),
                        e.detail());
            }
        }
        return ExitCodes.OK;
    }

    /**
     * The destructive-action budgets of the unit's budgeted actions (the unit's {@code [budget]}
     * over the built-in defaults; a daemon's {@code [budget]} config replaces the defaults), when
     * its ladder has any.
     */
    static java.util.Optional<String> budgetsLine(RecoveryUnit unit) {
        io.recoverymanager.core.unit.ActionBudgets effective =
                io.recoverymanager.core.unit.ActionBudgets.defaults().overriddenBy(unit.budgets());
        List<String> parts = unit.actions().stream()
                .map(a -> a.type())
                .distinct()
                .flatMap(t -> effective.limitFor(t).stream()
                        .map(b -> t.tomlName() + " at most " + b.describe()
                                + (unit.budgets().limitFor(t).isPresent() ? " ([budget] of this unit)" : " (default)")))
                .toList();
        return parts.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of("budgets: " + String.join(", ", parts)
                        + "; beyond them the action is held (counted per instance across reboots)");
    }

    /** The JSON timeline: objects with at_seconds, event, service, rvector and action (null if none). */
    static String toJson(List<PolicySimulation.Step> steps) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (PolicySimulation.Step step : steps) {
            RecoveryEvent e = step.event();
            ObjectNode o = array.addObject();
            o.put("at_seconds", step.atSeconds());
            o.put("event", e.kind());
            o.put("service", e.service());
            o.put("rvector", e.rvector());
            if (e.action().isEmpty()) {
                o.putNull("action");
            } else {
                o.put("action", e.action());
            }
        }
        return Json.write(array);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0
                ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }
}
