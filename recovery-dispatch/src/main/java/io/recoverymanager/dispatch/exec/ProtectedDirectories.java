package io.recoverymanager.dispatch.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DataPathCheck} that refuses, besides what the base check refuses, the daemon's own
 * directories (state, runtime, units), anything inside them, and any directory that contains one of
 * them: resetting such a path would delete the daemon's database, sockets or units. Each directory
 * is compared as configured (absolute, normalized) and, when it exists, by its real path as well.
 *
 * <p>Thread-safety: immutable.
 */
public final class ProtectedDirectories implements DataPathCheck {
    private final DataPathCheck base;
    private final Map<String, List<Path>> protectedDirs;

    /**
     * @param base the check applied first (the core's deny-list)
     * @param directories what each directory is (such as "state") and where it is
     */
    public ProtectedDirectories(DataPathCheck base, Map<String, Path> directories) {
        this.base = Objects.requireNonNull(base, "base");
        Map<String, List<Path>> forms = new LinkedHashMap<>();
        directories.forEach((what, dir) -> {
            List<Path> paths = new ArrayList<>();
            Path normal = dir.toAbsolutePath().normalize();
            paths.add(normal);
            try {
                Path real = normal.toRealPath();
                if (!real.equals(normal)) {
                    paths.add(real);
                }
            } catch (IOException e) {
                // not there yet: the configured form is what counts
            }
            forms.put(what, List.copyOf(paths));
        });
        this.protectedDirs = Map.copyOf(forms);
    }

    @Override
    public Optional<String> problem(String path) {
        Optional<String> problem = base.problem(path);
        if (problem.isPresent()) {
            return problem;
        }
        Path candidate = Path.of(path);
        for (Map.Entry<String, List<Path>> e : protectedDirs.entrySet()) {
            for (Path dir : e.getValue()) {
                if (candidate.startsWith(dir)) {
                    return Optional.of("is the daemon's " + e.getKey() + " directory " + dir
                            + (candidate.equals(dir) ? "" : " or inside it") + "; refusing to reset it");
                }
                if (dir.startsWith(candidate)) {
                    return Optional.of(
                            "contains the daemon's " + e.getKey() + " directory " + dir + "; refusing to reset it");
                }
            }
        }
        return Optional.empty();
    }
}
