package io.recoverymanager.daemon.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.spi.RecoveryStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The event history as operators read it, oldest first.
 *
 * @param entries the rows
 *     <p>Thread-safety: immutable.
 */
public record HistoryView(List<HistoryEntry> entries) {
    public HistoryView {
        entries = List.copyOf(entries);
    }

    /** Reads the rows matching the query. */
    public static HistoryView of(RecoveryStore store, HistoryQuery query) {
        return new HistoryView(store.history(query));
    }

    /**
     * The JSON form: an array of {@code {"time" (ISO-8601), "service", "context", "rvector",
     * "kind", "action", "detail", "exit_status", "signal", "invocation_id", "boot_id"}}; a status or
     * signal that does not apply is null, an unknown id empty.
     */
    public String toJson() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (HistoryEntry e : entries) {
            ObjectNode o = array.addObject();
            o.put("time", e.time().toString());
            o.put("service", e.service());
            o.put("context", e.context());
            o.put("rvector", e.rvector());
            o.put("kind", e.kind());
            o.put("action", e.action());
            o.put("detail", e.detail());
            putOptional(o, "exit_status", e.exitStatus());
            putOptional(o, "signal", e.signal());
            o.put("invocation_id", e.invocationId());
            o.put("boot_id", e.bootId());
        }
        return Json.write(array);
    }

    static void putOptional(ObjectNode o, String key, java.util.OptionalInt value) {
        if (value.isPresent()) {
            o.put(key, value.getAsInt());
        } else {
            o.putNull(key);
        }
    }

    /** The text form in local time of this machine's default zone; see {@link #toText(HumanTime)}. */
    public String toText() {
        return toText(HumanTime.of(java.time.Clock.systemDefaultZone()));
    }

    /**
     * The text form: an aligned table with local times and their ages ({@link HumanTime}), or a
     * note when there is nothing.
     */
    public String toText(HumanTime time) {
        if (entries.isEmpty()) {
            return "no history entries\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TIME", "AGE", "SERVICE", "CONTEXT", "RVECTOR", "KIND", "ACTION", "DETAIL"});
        for (HistoryEntry e : entries) {
            rows.add(new String[] {
                time.timestamp(e.time()),
                time.age(e.time()),
                e.service().isEmpty() ? "-" : e.service(),
                e.context(),
                Integer.toString(e.rvector()),
                e.kind(),
                e.action().isEmpty() ? "-" : e.action(),
                e.detail()
            });
        }
        return TextTable.render(rows);
    }
}
