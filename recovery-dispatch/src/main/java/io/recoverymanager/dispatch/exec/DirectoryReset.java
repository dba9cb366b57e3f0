package io.recoverymanager.dispatch.exec;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Objects;

/**
 * The built-in data reset: deletes the contents of a directory, keeping the directory itself.
 *
 * <p>Safety rules: the path must pass the {@link DataPathCheck}; the directory itself must not be a
 * symbolic link and its real path must equal the configured path (no symlinked parent leading
 * elsewhere); the walk never follows symbolic links (a link is deleted, never its target); it does
 * not descend into other file systems (mount points inside the directory are left alone and
 * reported). The service is stopped while this runs, so nothing should be racing with the walk.
 *
 * <p>Thread-safety: stateless apart from the check; {@link #reset} may run on any thread.
 */
public final class DirectoryReset {
    private final DataPathCheck check;

    public DirectoryReset(DataPathCheck check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    /** Why the directory may not be reset, or null when it may. Does not touch anything. */
    public String refusal(String path) {
        var problem = check.problem(path);
        if (problem.isPresent()) {
            return problem.get();
        }
        Path dir = Path.of(path);
        if (Files.isSymbolicLink(dir)) {
            return "data path '" + path + "' is a symbolic link; refusing to follow it";
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return "data path '" + path + "' is not a directory";
        }
        try {
            Path real = dir.toRealPath();
            if (!real.equals(dir)) {
                return "data path '" + path + "' resolves to '" + real + "' through a symbolic link; refusing";
            }
        } catch (IOException e) {
            return "cannot resolve data path '" + path + "': " + e;
        }
        return null;
    }

    /**
     * Deletes the directory's contents.
     *
     * @return a description of what was done, for the history
     * @throws IOException when the path is refused or something could not be deleted
     */
    public String reset(String path) throws IOException {
        String refusal = refusal(path);
        if (refusal != null) {
            throw new IOException(refusal);
        }
        Path root = Path.of(path);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return "data directory " + path + " does not exist; nothing to delete";
        }
        Object rootDevice = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        Deleter deleter = new Deleter(root, rootDevice);
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE, deleter);
        String done = "deleted " + deleter.deleted + " entries in " + path;
        if (deleter.skippedMounts > 0) {
            done += "; left " + deleter.skippedMounts + " mount point(s) alone";
        }
        return done;
    }

    /** Deletes bottom-up without following links and without crossing into other file systems. */
    private static final class Deleter implements FileVisitor<Path> {
        private final Path root;
        private final Object rootDevice;
        int deleted;
        int skippedMounts;

        Deleter(Path root, Object rootDevice) {
            this.root = root;
            this.rootDevice = rootDevice;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            if (!dir.equals(root)
                    && !rootDevice.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                skippedMounts++;
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            // Without FOLLOW_LINKS a symbolic link arrives here as itself: deleting it removes the
            // link, never what it points to.
            delete(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
            if (exc instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw exc;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
                throw exc;
            }
            if (!dir.equals(root)) {
                delete(dir);
            }
            return FileVisitResult.CONTINUE;
        }

        private void delete(Path p) throws IOException {
            if (Files.deleteIfExists(p)) {
                deleted++;
            }
        }
    }
}
