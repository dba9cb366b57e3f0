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
     * "kind", "action", "detail"}}.
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
        }
        return Json.write(array);
    }

    /** The text form: an aligned table, or a note when there is nothing. */
    public String toText() {
        if (entries.isEmpty()) {
            return "no history entries\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TIME", "SERVICE", "CONTEXT", "RVECTOR", "KIND", "ACTION", "DETAIL"});
        for (HistoryEntry e : entries) {
            rows.add(new String[] {
                e.time().toString(),
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
