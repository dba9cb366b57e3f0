package io.recoverymanager.core.unit;

import java.util.Optional;

/**
 * Helpers for systemd service names and templates.
 *
 * <p>Thread-safety: stateless.
 */
public final class ServiceNames {
    private ServiceNames() {}

    /** True for a {@code .service} unit name. */
    public static boolean isService(String unitName) {
        return unitName.endsWith(".service") && unitName.length() > ".service".length();
    }

    /** True for a template name such as {@code getty@.service}. */
    public static boolean isTemplate(String service) {
        return service.endsWith("@.service");
    }

    /** The template of an instance ({@code getty@tty1.service} gives {@code getty@.service}). */
    public static Optional<String> templateOf(String service) {
        int at = service.indexOf('@');
        if (at < 0 || !service.endsWith(".service") || isTemplate(service)) {
            return Optional.empty();
        }
        return Optional.of(service.substring(0, at + 1) + ".service");
    }
}
