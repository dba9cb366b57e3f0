package io.recoverymanager.dispatch.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in data reset: deletes the contents of a directory, keeping the directory itself.
 *
 * <p>The owner of a data directory is a service user and not trusted: while a reset runs, it may
 * rename any directory below the data root away and put a symbolic link in its place. So the reset
 * never resolves a path twice. It opens every directory, from {@code /} down to the data root and
 * then below it, relative to its already open parent with {@code NOFOLLOW_LINKS} (the JDK's {@link
 * SecureDirectoryStream}: {@code openat(O_NOFOLLOW)}), and deletes every entry relative to the
 * open directory that listed it ({@code unlinkat}), like GNU rm's fts. A symbolic link met anywhere
 * is removed as itself, never followed; a directory swapped for a link between listing and opening
 * is found as a link and removed as such.
 *
 * <p>Before anything is deleted: the path must pass the {@link DataPathCheck}; no component of the
 * path may be a symbolic link ({@link #refusal}); the directory opened must be the one checked
 * (same device and inode, {@code unix:dev}/{@code unix:ino}), and it is checked again afterwards.
 * The reset never crosses into another file system (mount points inside the directory are left
 * alone and reported) and refuses trees deeper than {@value #MAX_DEPTH} levels (each level holds an
 * open directory). Where {@link SecureDirectoryStream} is not available the reset is refused: it
 * never falls back to deleting by path.
 *
 * <p>Thread-safety: stateless apart from the check; {@link #reset} may run on any thread.
 */
public final class DirectoryReset {
    /** The deepest directory level below the data root that is descended into. */
    public static final int MAX_DEPTH = 256;

    private static final Pattern FILE_KEY = Pattern.compile("\\(dev=([0-9a-f]+),ino=([0-9]+)\\)");

    private final DataPathCheck check;

    public DirectoryReset(DataPathCheck check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    /**
     * Why the directory may not be reset, or null when it may: the path check, then every component
     * of the path looked at without following links. Does not change anything.
     */
    public String refusal(String path) {
        var problem = check.problem(path);
        if (problem.isPresent()) {
            return "data path '" + path + "' " + problem.get();
        }
        return symlinkProblem(path).orElse(null);
    }

    /**
     * Why a path must not be used because of what is on disk: a component that is a symbolic link,
     * or a last component that exists but is not a directory. A missing component is no problem
     * (there is nothing to delete). Used before the built-in reset and before a configured reset
     * command.
     */
    public static Optional<String> symlinkProblem(String path) {
        Path full = Path.of(path);
        Path prefix = full.getRoot();
        if (prefix == null) {
            return Optional.of("data path '" + path + "' is not absolute");
        }
        for (Path name : full) {
            prefix = prefix.resolve(name);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(prefix, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of("cannot look at '" + prefix + "' of data path '" + path + "': " + e.getMessage());
            }
            if (attrs.isSymbolicLink()) {
                return Optional.of("data path '" + path + "' has a symbolic link at '" + prefix
                        + "'; refusing to follow it (a data path must not contain symbolic links)");
            }
            if (!attrs.isDirectory()) {
                return Optional.of(
                        prefix.equals(full)
                                ? "data path '" + path + "' is not a directory"
                                : "data path '" + path + "': '" + prefix + "' is not a directory");
            }
        }
        return Optional.empty();
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
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return "data directory " + path + " does not exist; nothing to delete";
        }
        Optional<SecureDirectoryStream<Path>> opened = openWithoutFollowing(root);
        if (opened.isEmpty()) {
            return "data directory " + path + " does not exist; nothing to delete";
        }
        try (SecureDirectoryStream<Path> dir = opened.get()) {
            FileId rootId = FileId.of(attributes(dir), path);
            if (!rootId.sameFile(before)) {
                throw new IOException("data directory " + path + " changed while it was being opened ("
                        + before.fileKey() + " before, " + rootId + " opened); refusing");
            }
            Deletion deletion = new Deletion(rootId.device(), path);
            deletion.deleteContents(dir, 1, "");
            BasicFileAttributes after =
                    Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!rootId.sameFile(after)) {
                throw new IOException("data directory " + path + " was replaced while its contents were deleted ("
                        + rootId + " opened, " + after.fileKey() + " now); " + deletion.deleted
                        + " entries were deleted inside the directory that was opened");
            }
            if (!deletion.failures.isEmpty()) {
                throw new IOException("reset of " + path + " incomplete: deleted " + deletion.deleted + " entries, "
                        + deletion.failures.size() + " failed, first: " + deletion.failures.get(0));
            }
            String done = "deleted " + deletion.deleted + " entries in " + path;
            if (deletion.skippedMounts > 0) {
                done += "; left " + deletion.skippedMounts + " mount point(s) alone";
            }
            return done;
        }
    }

    /**
     * Opens the directory from {@code /} down, each component relative to its open parent without
     * following links; empty when a component does not exist.
     */
    private static Optional<SecureDirectoryStream<Path>> openWithoutFollowing(Path dir) throws IOException {
        DirectoryStream<Path> top = Files.newDirectoryStream(dir.getRoot());
        if (!(top instanceof SecureDirectoryStream<Path> current)) {
            top.close();
            throw new IOException("refusing to reset " + dir + ": this platform offers no SecureDirectoryStream"
                    + " (openat/unlinkat), and deleting by path is not safe against a hostile owner");
        }
        try {
            for (Path name : dir) {
                SecureDirectoryStream<Path> next;
                try {
                    next = current.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    current.close();
                    return Optional.empty();
                } catch (IOException e) {
                    throw new IOException(
                            "cannot open '" + name + "' of data path " + dir
                                    + " without following links (a symbolic link?): " + e.getMessage(),
                            e);
                }
                current.close();
                current = next;
            }
            return Optional.of(current);
        } catch (IOException | RuntimeException e) {
            current.close();
            throw e;
        }
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir) throws IOException {
        return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    }

    /** Device and inode of an open file, read from the JDK's file key. */
    private record FileId(String device, String inode) {
        static FileId of(BasicFileAttributes attrs, String where) throws IOException {
            Object key = attrs.fileKey();
            Matcher m = key == null ? null : FILE_KEY.matcher(key.toString());
            if (m == null || !m.matches()) {
                throw new IOException(
                        "refusing to reset " + where + ": cannot tell the device and inode of an open directory");
            }
            return new FileId(m.group(1), m.group(2));
        }

        boolean sameFile(BasicFileAttributes pathAttributes) {
            return pathAttributes.isDirectory()
                    && !pathAttributes.isSymbolicLink()
                    && toString().equals(String.valueOf(pathAttributes.fileKey()));
        }

        @Override
        public String toString() {
            return "(dev=" + device + ",ino=" + inode + ")";
        }
    }

    /** One reset's walk: deletes bottom-up through directory handles. */
    private static final class Deletion {
        private final String rootDevice;
        private final String rootPath;
        int deleted;
        int skippedMounts;
        final List<String> failures = new ArrayList<>();

        Deletion(String rootDevice, String rootPath) {
            this.rootDevice = rootDevice;
            this.rootPath = rootPath;
        }

        /** Deletes every entry of the open directory; names are read first, then deleted. */
        void deleteContents(SecureDirectoryStream<Path> dir, int depth, String where) throws IOException {
            List<Path> names = new ArrayList<>();
            for (Path entry : dir) {
                names.add(entry.getFileName());
            }
            for (Path name : names) {
                deleteEntry(dir, name, depth, where + name);
            }
        }

        private void deleteEntry(SecureDirectoryStream<Path> dir, Path name, int depth, String where)
                throws IOException {
            BasicFileAttributes attrs;
            try {
                attrs = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes();
            } catch (NoSuchFileException e) {
                return;
            }
            if (!attrs.isDirectory()) {
                // files, symbolic links (removed as themselves), sockets, fifos, devices
                unlink(dir, name, where);
                return;
            }
            SecureDirectoryStream<Path> child;
            try {
                child = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException e) {
                // Swapped for a symbolic link (or something else) since it was looked at: remove
                // whatever is there now as itself; a directory makes this fail and is reported.
                unlink(dir, name, where);
                return;
            }
            try (child) {
                FileId id = FileId.of(attributes(child), rootPath);
                if (!id.device().equals(rootDevice)) {
                    skippedMounts++;
                    return;
                }
                if (depth >= MAX_DEPTH) {
                    failures.add(rootPath + "/" + where + ": deeper than " + MAX_DEPTH + " levels; left alone");
                    return;
                }
                deleteContents(child, depth + 1, where + "/");
            }
            try {
                dir.deleteDirectory(name);
                deleted++;
            } catch (NoSuchFileException e) {
                // gone already
            } catch (IOException e) {
                // the entry may have been swapped for a link after it was emptied
                unlink(dir, name, where);
            }
        }

        private void unlink(SecureDirectoryStream<Path> dir, Path name, String where) {
            try {
                dir.deleteFile(name);
                deleted++;
            } catch (NoSuchFileException e) {
                // gone already
            } catch (IOException e) {
                failures.add(rootPath + "/" + where + ": " + e.getMessage());
            }
        }
    }
}
