package io.recoverymanager.core.spi;

import io.recoverymanager.core.model.ActionRequest;
import java.util.List;

/**
 * Durable queue of requests a slave must deliver to its master. A request is put before it is sent
 * and removed only when the master acknowledged it, so a crash on either side loses nothing.
 *
 * <p>Thread-safety: implementations must be safe for use from any thread.
 */
public interface Outbox {
    /** Stores the request durably; putting the same request id again has no effect. */
    void put(ActionRequest request);

    /** Every request not yet acknowledged, oldest first. */
    List<ActionRequest> pending();

    /** Removes an acknowledged request; unknown ids are ignored. */
    void remove(String requestId);
}
