package io.recoverymanager.core.unit;

import java.util.Optional;
import java.util.Set;

/**
 * The safety rule for data directories whose contents a data-reset action deletes ({@code
 * public-data}, {@code private-data}).
 *
 * <p>A path is acceptable when it is absolute, written in normal form (no {@code .} or {@code ..}
 * segments, no {@code //}, no trailing {@code /}), free of control characters, and neither {@code /}
 * itself nor a system directory: a top-level one such as {@code /var} or {@code /etc}, or one of a
 * few well-known second-level ones such as {@code /var/lib} or {@code /usr/lib} whose contents are
 * shared by the whole system. Children such as {@code /var/lib/echo} are fine.
 *
 * <p>The rule looks only at the text, never at the file system (so it cannot see symbolic links):
 * the unit parser applies it when a unit is read, and the data-reset executor applies it again
 * right before deleting anything.
 *
 * <p>Thread-safety: stateless.
 */
public final class DataPaths {
    /** Top-level directories of a Linux system whose contents must never be wiped. */
    static final Set<String> SYSTEM_DIRECTORIES = Set.of(
            "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt", "/opt",
            "/proc", "/root", "/run", "/sbin", "/sys", "/tmp", "/usr", "/var");

    /** Well-known second-level directories shared by the whole system. */
    static final Set<String> SHARED_DIRECTORIES = Set.of(
            "/usr/bin",
            "/usr/sbin",
            "/usr/lib",
            "/usr/lib32",
            "/usr/lib64",
            "/usr/libx32",
            "/usr/libexec",
            "/usr/include",
            "/usr/local",
            "/usr/share",
            "/usr/src",
            "/var/backups",
            "/var/cache",
            "/var/lib",
            "/var/local",
            "/var/lock",
            "/var/log",
            "/var/mail",
            "/var/opt",
            "/var/run",
            "/var/spool",
            "/var/tmp",
            "/etc/systemd");

    /** Trees that hold the operating system itself: nothing inside them is a service's data. */
    static final Set<String> SYSTEM_TREES = Set.of(
            "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sbin", "/sys", "/usr");

    private DataPaths() {}

    /**
     * What is wrong with a data path, or empty when it is acceptable.
     *
     * @param path the path as written in the unit
     * @return a reason such as {@code "must be an absolute path (start with /)"}
     */
    public static Optional<String> problem(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (path.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        if (!path.startsWith("/")) {
            return Optional.of("must be an absolute path (start with /), was \"" + path + "\"");
        }
        if (path.equals("/")) {
            return Optional.of("must not be / (the root directory)");
        }
        if (path.contains("//")) {
            return Optional.of("is not normalized: it contains //");
        }
        if (path.endsWith("/")) {
            return Optional.of("is not normalized: remove the trailing /");
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("is not normalized: it contains a \"" + segment + "\" segment");
            }
        }
        if (SYSTEM_DIRECTORIES.contains(path) || SHARED_DIRECTORIES.contains(path)) {
            return Optional.of("must not be the system directory " + path
                    + "; use a directory of the service's own, such as /var/lib/<service>/data");
        }
        int second = path.indexOf('/', 1);
        if (second > 0 && SYSTEM_TREES.contains(path.substring(0, second))) {
            return Optional.of("must not be inside the system tree " + path.substring(0, second)
                    + "; use a directory of the service's own, such as /var/lib/<service>/data");
        }
        return Optional.empty();
    }

    /**
     * Returns the path when it is acceptable.
     *
     * @throws IllegalArgumentException naming the path and the reason otherwise
     */
    public static String requireSafe(String path) {
        problem(path).ifPresent(reason -> {
            throw new IllegalArgumentException("data path \"" + path + "\" " + reason);
        });
        return path;
    }
}
