package io.recoverymanager.dispatch.master;

import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test outbox: insertion-ordered, synchronized. */
public final class InMemoryOutbox implements Outbox {
    private final Map<String, ActionRequest> requests = new LinkedHashMap<>();

    @Override
    public synchronized void put(ActionRequest request) {
        requests.putIfAbsent(request.requestId(), request);
    }

    @Override
    public synchronized List<ActionRequest> pending() {
        return new ArrayList<>(requests.values());
    }

    @Override
    public synchronized void remove(String requestId) {
        requests.remove(requestId);
    }
}
