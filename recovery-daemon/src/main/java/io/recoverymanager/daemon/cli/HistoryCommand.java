package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.unit.Durations;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.view.HistoryView;
import io.recoverymanager.daemon.view.HumanTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager history [--json] [--service S] [--since DURATION|TIMESTAMP] [--boot N|ID]
 * [--kind K] [--limit N]}: the event history, oldest first, at most N of the newest matching rows;
 * local times with their ages in the table, ISO-8601 in JSON.
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Show the event history: failures, actions, recoveries, unit changes.")
public final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    RecoveryManagerCommand root;

    @Mixin
    ConfigFileOptions.StateOptions config;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--service", paramLabel = "SERVICE", description = "Only this service.")
    String service;

    @Option(
            names = "--since",
            paramLabel = "DURATION|TIMESTAMP",
            description =
                    "Only rows since a time ago (30min, 2h, \"1h 30min\", 7d) or a time (2026-11-25T08:00:00Z, 2026-11-25 08:00,"
                            + " 2026-11-25; local time without a zone).")
    String since;

    @Option(
            names = "--boot",
            paramLabel = "N|ID",
            description = "Only rows of one boot: 0 this boot, -1 the one before, 1 the first in the history, or a"
                    + " boot id (or a unique prefix of one).")
    String boot;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            split = ",",
            description = "Only rows of these kinds (repeat or separate with commas): failure, action, forwarded,"
                    + " action-started, action-done, action-failed, exhausted, suppressed, meditation, recovered, ...")
    java.util.List<String> kinds = new java.util.ArrayList<>();

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "100",
            description = "At most N rows, the newest (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CliException(ExitCodes.USAGE, "--limit must be at least 1, was " + limit);
        }
        CliEnvironment env = root.environment();
        Optional<Instant> from = since == null ? Optional.empty() : Optional.of(parseSince(since, env.clock()));
        for (String kind : kinds) {
            if (!kind.matches("[a-z][a-z-]{0,63}")) {
                throw new CliException(
                        ExitCodes.USAGE, "--kind '" + kind + "' is not a history kind such as failure or action");
            }
        }
        DaemonConfig cfg = config.load(env.configLoader());
        HistoryView view = StoreAccess.read(env, cfg, store -> {
            Optional<String> bootId = HistoryScope.boot(boot, store, env, cfg);
            return HistoryView.of(
                    store,
                    new HistoryQuery(Optional.ofNullable(service), from, limit, bootId, java.util.Set.copyOf(kinds)));
        });
        spec.commandLine().getOut().print(json ? view.toJson() + "\n" : view.toText(HumanTime.of(env.clock())));
        return ExitCodes.OK;
    }

    /**
     * A duration ago, or a timestamp: ISO-8601 with offset, or a local date-time / date (in the
     * clock's zone).
     */
    static Instant parseSince(String text, Clock clock) {
        String t = text.strip();
        Optional<java.time.Duration> ago = t.matches("\\d{1,12}")
                ? Optional.of(java.time.Duration.ofSeconds(Long.parseLong(t)))
                : parseDuration(t);
        if (ago.isPresent()) {
            return clock.instant().minus(ago.get());
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T'))
                    .atZone(clock.getZone())
                    .toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--since '" + text + "' is neither a duration (30m, 2h, 7d) nor a time"
                            + " (2026-11-25T08:00:00Z, 2026-11-25 08:00, 2026-11-25)");
        }
    }

    private static Optional<Duration> parseDuration(String text) {
        try {
            return Optional.of(Durations.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
