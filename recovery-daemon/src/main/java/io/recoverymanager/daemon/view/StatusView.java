package io.recoverymanager.daemon.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recoverymanager.core.budget.BudgetLedger;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.Ladder;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitsInForce;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of every governed service: rvector, the action its next failure would get, the relax
 * deadline, the unit's hash and the last failure, plus the context's meditation. Computed from the
 * store only, so it works with a read-only database while the daemon runs and when it does not.
 *
 * @param context the context name
 * @param mode the run mode (as configured, or as the daemon decided)
 * @param meditation the context's meditation, if any
 * @param services one row per service, sorted by name
 *     <p>Thread-safety: immutable.
 */
public record StatusView(String context, String mode, Optional<Meditation> meditation, List<Row> services) {
    public StatusView {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(meditation, "meditation");
        services = List.copyOf(services);
    }

    /**
     * One service.
     *
     * @param service the concrete service name
     * @param rvector its rvector
     * @param nextAction the action the next failure gets, empty when the ladder is exhausted
     * @param relaxDeadline when the rvector returns to 0 if no failure comes
     * @param lastFailure when the last counted failure was observed
     * @param unitHash the hash of the governing unit
     * @param held why its last action was held (a destructive-action budget was spent), if it was
     *     held since its last failure
     */
    public record Row(
            String service,
            int rvector,
            Optional<String> nextAction,
            Optional<Instant> relaxDeadline,
            Optional<Instant> lastFailure,
            String unitHash,
            Optional<String> held) {
        /** Whether the ladder is exhausted: the next failure gets no action until the rvector relaxes. */
        public boolean exhausted() {
            return nextAction.isEmpty();
        }
    }

    /** How many of the newest history rows are searched for held actions. */
    private static final int HELD_LOOKBACK_ROWS = 10_000;

    /**
     * Reads the view from a store: every non-template unit's service, and every escalated service
     * (instances of template units included).
     */
    public static StatusView of(RecoveryStore store, String context, String mode) {
        TreeMap<String, Row> rows = new TreeMap<>();
        UnitsInForce units = UnitsInForce.ofStored(store.units());
        for (RecoveryUnit unit : units.all()) {
            if (!unit.isTemplate()) {
                rows.put(unit.service(), row(store.state(unit.service()), unit));
            }
        }
        for (ServiceRecord record : store.escalated()) {
            units.unitFor(record.service()).ifPresent(unit -> rows.put(record.service(), row(record, unit)));
        }
        // Held: the newest "held" row of an escalated service is not older than its last failure.
        Map<String, HistoryEntry> lastHeld = new HashMap<>();
        store.history(HistoryQuery.all(HELD_LOOKBACK_ROWS)).stream()
                .filter(e -> e.kind().equals(BudgetLedger.HELD))
                .forEach(e -> lastHeld.put(e.service(), e));
        rows.replaceAll((service, r) -> {
            HistoryEntry held = lastHeld.get(service);
            if (held == null
                    || r.rvector() == 0
                    || r.lastFailure().isEmpty()
                    || held.time().isBefore(r.lastFailure().get())) {
                return r;
            }
            return new Row(
                    r.service(),
                    r.rvector(),
                    r.nextAction(),
                    r.relaxDeadline(),
                    r.lastFailure(),
                    r.unitHash(),
                    Optional.of(held.detail()));
        });
        return new StatusView(context, mode, store.meditation(context), new ArrayList<>(rows.values()));
    }

    private static Row row(ServiceRecord record, RecoveryUnit unit) {
        Ladder ladder = unit.ladder();
        Optional<String> next =
                ladder.next(record.rvector()).map(step -> step.action().type().tomlName());
        return new Row(
                record.service(),
                record.rvector(),
                next,
                record.relaxDeadline(),
                record.lastFailureAt(),
                unit.hash(),
                Optional.empty());
    }

    /**
     * The JSON form: {@code {"context", "mode", "services": [{"service", "rvector", "next_action",
     * "exhausted", "recovers_at", "relax_deadline", "last_failure", "held"}]}}; times are ISO-8601, absent
     * values null. An exhausted service (its next failure gets no action) has {@code next_action}
     * null, {@code exhausted} true and {@code recovers_at} the time its rvector returns to 0.
     */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("context", context);
        root.put("mode", mode);
        ArrayNode array = root.putArray("services");
        for (Row r : services) {
            ObjectNode o = array.addObject();
            o.put("service", r.service());
            o.put("rvector", r.rvector());
            o.put("next_action", r.nextAction().orElse(null));
            o.put("exhausted", r.exhausted());
            o.put(
                    "recovers_at",
                    r.exhausted() ? r.relaxDeadline().map(Instant::toString).orElse(null) : null);
            o.put("relax_deadline", r.relaxDeadline().map(Instant::toString).orElse(null));
            o.put("last_failure", r.lastFailure().map(Instant::toString).orElse(null));
            o.put("held", r.held().orElse(null));
        }
        return Json.write(root);
    }

    /** The text form in local time of this machine's default zone; see {@link #toText(HumanTime)}. */
    public String toText() {
        return toText(HumanTime.of(java.time.Clock.systemDefaultZone()));
    }

    /** The text form: a header and an aligned table, times local with their ages ({@link HumanTime}). */
    public String toText(HumanTime time) {
        StringBuilder b = new StringBuilder();
        b.append("context: ").append(context).append("   mode: ").append(mode).append('\n');
        b.append("meditation: ")
                .append(meditation
                        .map(m -> "since " + time.timestampAndAge(m.since()) + " after "
                                + m.action().tomlName() + " for " + m.service() + " (no actions until the next boot)")
                        .orElse("no"))
                .append('\n');
        if (services.isEmpty()) {
            return b.append("no services governed by a recovery unit\n").toString();
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"SERVICE", "RVECTOR", "NEXT ACTION", "RELAX DEADLINE", "LAST FAILURE", "UNIT"});
        for (Row r : services) {
            table.add(new String[] {
                r.service(),
                Integer.toString(r.rvector()),
                r.nextAction().orElseGet(() -> r.relaxDeadline()
                                .map(t -> "exhausted, recovers at " + time.timestamp(t))
                                .orElse("exhausted"))
                        + r.held().map(h -> " (last " + h + ")").orElse(""),
                r.relaxDeadline().map(time::timestampAndAge).orElse("-"),
                r.lastFailure().map(time::timestampAndAge).orElse("-"),
                r.unitHash().substring(0, Math.min(12, r.unitHash().length()))
            });
        }
        return b.append(TextTable.render(table)).toString();
    }
}
