package io.recoverymanager.core.model;

import java.util.Objects;

/**
 * A service's state as systemd reports it.
 *
 * @param service the concrete service name
 * @param activeState {@code active}, {@code inactive}, {@code failed}, {@code activating}, ...
 * @param subState the service-type specific sub state ({@code running}, {@code dead}, ...)
 *     <p>Thread-safety: immutable.
 */
public record ServiceStatus(String service, String activeState, String subState) {
    public ServiceStatus {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(activeState, "activeState");
        Objects.requireNonNull(subState, "subState");
    }

    /** True when the service is up ({@code active}, or {@code activating}/{@code reloading}). */
    public boolean isUp() {
        return activeState.equals("active") || activeState.equals("activating") || activeState.equals("reloading");
    }

    /** True when the service is in the failed state. */
    public boolean isFailed() {
        return activeState.equals("failed");
    }
}
