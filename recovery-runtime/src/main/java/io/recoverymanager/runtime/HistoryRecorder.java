package io.recoverymanager.runtime;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.ActionType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every engine event to the store's history, in order.
 *
 * <p>Most events are queued and written by a background thread, so the failure → action path pays
 * for one durable commit (the rvector) and not one per event; the thread lingers a little after the
 * first event of a burst, so a failure's rows are one commit made after its action went out. An event announcing a destructive
 * action (data reset, context or platform restart, factory reset) is written by the engine itself,
 * through the store, before it runs the action; this listener then waits until every row queued
 * before it is written, so the history stays in order, and does not write that row again.
 *
 * <p>Thread-safety: {@link #onEvent} may be called from any thread (the engine calls it from its
 * loop); the writer thread is internal.
 */
public final class HistoryRecorder implements RecoveryListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);

    private record Item(HistoryEntry entry, CompletableFuture<Void> written) {
        /** Stands for a destructive action's row: the engine waits until the rows before it are written. */
        boolean isBarrier() {
            return entry == null && written != null;
        }
    }

    /** How long the writer waits for the rest of a burst before one commit (see {@link QueueBatches}). */
    private static final Duration LINGER = Duration.ofMillis(25);

    private static final Item STOP = new Item(null, null);

    private final RecoveryStore store;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private final String bootId;

    public HistoryRecorder(RecoveryStore store) {
        this(store, "");
    }

    /**
     * A recorder whose rows carry the boot of this instance ({@link HistoryEntry#bootId()}), so
     * {@code history --boot} and {@code explain --boot} find them.
     */
    public HistoryRecorder(RecoveryStore store, String bootId) {
        this.store = store;
        this.bootId = java.util.Objects.requireNonNull(bootId, "bootId");
        this.writer = new Thread(this::writeLoop, "history-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void onEvent(RecoveryEvent event) {
        boolean mustWait = announcesDestructiveAction(event);
        // A destructive action's row is the engine's to write: queue a barrier in its place.
        Item item = mustWait
                ? new Item(null, new CompletableFuture<>())
                : new Item(event.toHistoryEntry().withBootId(bootId), null);
        if (!queue.offer(item)) {
            LOG.warn("history queue full; writing {} synchronously", event.kind());
            if (item.entry() != null) {
                store.appendHistory(item.entry());
            }
            return;
        }
        if (mustWait) {
            QueueBatches.hurry(writer);
            try {
                item.written().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.error("could not record the history before {} of {}", event.action(), event.service(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean announcesDestructiveAction(RecoveryEvent event) {
        ActionType type = null;
        if (event instanceof RecoveryEvent.ActionIssued issued) {
            type = issued.type();
        } else if (event instanceof RecoveryEvent.ActionForwarded forwarded) {
            type = forwarded.type();
        }
        return type != null && type.isDestructive();
    }

    private void writeLoop() {
        QueueBatches.drainUntil(queue, STOP, 1000, LINGER, Item::isBarrier, this::write);
    }

    /** Writes a batch in one store call (one transaction for the SQLite store). */
    private void write(List<Item> items) {
        if (items.isEmpty()) {
            return;
        }
        try {
            List<HistoryEntry> entries = items.stream()
                    .map(Item::entry)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            if (!entries.isEmpty()) {
                store.appendHistory(entries);
            }
            items.forEach(item -> {
                if (item.written() != null) {
                    item.written().complete(null);
                }
            });
        } catch (RuntimeException e) {
            LOG.error("could not record {} history rows", items.size(), e);
            items.forEach(item -> {
                if (item.written() != null) {
                    item.written().completeExceptionally(e);
                }
            });
        }
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            QueueBatches.hurry(writer);
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
