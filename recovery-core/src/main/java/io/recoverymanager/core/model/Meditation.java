package io.recoverymanager.core.model;

import io.recoverymanager.core.unit.ActionType;
import java.time.Instant;
import java.util.Objects;

/**
 * A context's meditation: after a system-level action was issued, the engine keeps observing and
 * recording failures but issues no further actions until the next boot.
 *
 * @param context the context that meditates
 * @param bootId the boot the meditation was entered in; a different boot ends it
 * @param service the service whose action caused it
 * @param action the system-level action issued
 * @param since when it began
 *     <p>Thread-safety: immutable.
 */
public record Meditation(String context, String bootId, String service, ActionType action, Instant since) {
    public Meditation {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(bootId, "bootId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(since, "since");
    }
}
