package io.recoverymanager.dispatch.exec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The dispatch module's own guard for data directories, used until the core's {@code DataPaths}
 * check is wired in: the path must be absolute and normalized, at least two levels deep, not a
 * well-known system directory, and not inside the kernel's or the system's own trees.
 *
 * <p>Thread-safety: stateless.
 */
public final class GuardedPaths {
    private static final Set<String> EXACT = Set.of(
            "/",
            "/bin",
            "/boot",
            "/dev",
            "/etc",
            "/home",
            "/lib",
            "/lib32",
            "/lib64",
            "/libx32",
            "/media",
            "/mnt",
            "/opt",
            "/proc",
            "/root",
            "/run",
            "/sbin",
            "/srv",
            "/sys",
            "/tmp",
            "/usr",
            "/var",
            "/var/lib",
            "/var/log",
            "/var/cache",
            "/var/tmp",
            "/var/spool",
            "/var/run",
            "/run/user");
    private static final List<String> SUBTREES =
            List.of("/proc", "/sys", "/dev", "/boot", "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64");

    private GuardedPaths() {}

    /** Why the path must not be reset, or empty when it may be. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("data path is empty");
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            return Optional.of("data path '" + path + "' is not a valid path: " + e.getReason());
        }
        if (!p.isAbsolute()) {
            return Optional.of("data path '" + path + "' is not absolute");
        }
        if (!p.normalize().toString().equals(path)) {
            return Optional.of("data path '" + path + "' is not normalized (., .. or repeated or trailing /)");
        }
        if (EXACT.contains(path)) {
            return Optional.of("data path '" + path + "' is a guarded system directory");
        }
        for (String tree : SUBTREES) {
            if (path.startsWith(tree + "/")) {
                return Optional.of("data path '" + path + "' is inside the guarded tree " + tree);
            }
        }
        if (p.getNameCount() < 2) {
            return Optional.of("data path '" + path + "' is a top-level directory");
        }
        return Optional.empty();
    }
}
