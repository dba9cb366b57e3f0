package io.recoverymanager.testkit;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.spi.RecoveryListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every event the engine emits, for assertions (the testkit's {@code RecoveryAssertions}).
 *
 * <p>Thread-safety: thread-safe.
 */
public final class RecordingListener implements RecoveryListener {
    private final List<RecoveryEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(RecoveryEvent event) {
        events.add(event);
    }

    /** The events so far, in order. */
    public synchronized List<RecoveryEvent> events() {
        return List.copyOf(events);
    }

    /** Events of one type, in order. */
    public synchronized <T extends RecoveryEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets the events so far. */
    public synchronized void clear() {
        events.clear();
    }
}
