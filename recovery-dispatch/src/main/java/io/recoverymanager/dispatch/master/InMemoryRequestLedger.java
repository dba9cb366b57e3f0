package io.recoverymanager.dispatch.master;

import io.recoverymanager.core.model.ActionOutcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RequestLedger} in memory, bounded: it keeps the most recently seen {@code capacity}
 * requests and forgets the oldest. Does not survive a master restart; pass a durable ledger for that.
 *
 * <p>Thread-safety: safe for use from any thread (synchronized).
 */
public final class InMemoryRequestLedger implements RequestLedger {
    private final Map<String, Entry> entries;

    public InMemoryRequestLedger(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized Optional<Entry> begin(String context, String requestId, Instant now) {
        String key = key(context, requestId);
        Entry known = entries.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        entries.put(key, new Started(now));
        return Optional.empty();
    }

    @Override
    public synchronized void executing(String context, String requestId, Instant now) {
        entries.put(key(context, requestId), new Executing(now));
    }

    @Override
    public boolean tracksExecution() {
        return true;
    }

    @Override
    public synchronized Optional<Entry> peek(String context, String requestId) {
        return Optional.ofNullable(entries.get(key(context, requestId)));
    }

    @Override
    public synchronized void complete(String context, String requestId, ActionOutcome outcome) {
        entries.put(key(context, requestId), new Completed(outcome));
    }

    /** How many requests are remembered. */
    public synchronized int size() {
        return entries.size();
    }

    private static String key(String context, String requestId) {
        return context + '\u0000' + requestId;
    }
}
