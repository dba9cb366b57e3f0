package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.unit.Durations;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.view.HistoryView;
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
 * {@code recoverymanager history [--json] [--service S] [--since DURATION|TIMESTAMP] [--limit N]}:
 * the event history, oldest first, at most N of the newest matching rows.
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
    ConfigOptions config;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--service", paramLabel = "SERVICE", description = "Only this service.")
    String service;

    @Option(
            names = "--since",
            paramLabel = "DURATION|TIMESTAMP",
            description = "Only rows since a time ago (30m, 2h, 7d) or a time (2026-11-25T08:00:00Z, 2026-11-25 08:00,"
                    + " 2026-11-25; local time without a zone).")
    String since;

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
        HistoryQuery query = new HistoryQuery(Optional.ofNullable(service), from, limit);
        DaemonConfig cfg = config.load(env.configLoader());
        HistoryView view = StoreAccess.read(env, cfg, store -> HistoryView.of(store, query));
        spec.commandLine().getOut().print(json ? view.toJson() + "\n" : view.toText());
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
