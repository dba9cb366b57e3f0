package io.recoverymanager.core.unit;

import java.util.Optional;
import java.util.Set;

/**
 * The rules a data directory must follow before anything may delete its contents: absolute,
 * normalized, not {@code /} and not a top-level system directory. Used by the unit parser and,
 * again right before a reset, by the data-reset executor.
 *
 * <p>This is a check on the path's text; the executor also refuses symlinks that lead elsewhere.
 *
 * <p>Thread-safety: stateless.
 */
public final class DataPaths {
    /** Top-level directories no unit may name as its data directory. */
    public static final Set<String> GUARDED = Set.of(
            "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt", "/opt",
            "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var");

    private DataPaths() {}

    /** What is wrong with the path as a data directory, or empty when it is acceptable. */
    public static Optional<String> problem(String path) {
        if (path.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (path.chars().anyMatch(c -> c == 0 || c == '\n' || c == '\r')) {
            return Optional.of("must not contain control characters");
        }
        if (!path.startsWith("/")) {
            return Optional.of("must be an absolute path, was \"" + path + "\"");
        }
        if (path.equals("/")) {
            return Optional.of("must not be the root directory /");
        }
        if (path.endsWith("/")
                || path.contains("//")
                || path.contains("/./")
                || path.contains("/../")
                || path.endsWith("/.")
                || path.endsWith("/..")) {
            return Optional.of("must be normalized (no \".\", \"..\", \"//\" or trailing \"/\"), was \"" + path + "\"");
        }
        if (GUARDED.contains(path)) {
            return Optional.of("must not be the system directory " + path);
        }
        return Optional.empty();
    }
}
