package io.recoverymanager.dispatch.exec;

import java.util.Optional;

/**
 * Says whether a data directory may be reset. Shaped like {@code
 * io.recoverymanager.core.unit.DataPaths.problem(String)} so the core rule plugs in;
 * DataPaths::problem} once it exists; the daemon passes {@code io.recoverymanager.core.unit.DataPaths::problem}.
 *
 * <p>Thread-safety: implementations must be safe for use from any thread.
 */
@FunctionalInterface
public interface DataPathCheck {
    /** Why this path must not be reset, or empty when it may be. */
    Optional<String> problem(String path);
}
