package io.recoverymanager.daemon.runtime;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's runtime directory (the control socket, the master socket, the run-mode file): a real
 * directory owned by the daemon's user, mode {@code 0750}, its group the control socket's group
 * when one is configured.
 *
 * <p>A missing directory is created with mode {@code 0750} in the {@code mkdir} call itself (no
 * window in which it is more open). An existing one must be a directory, not a symlink, owned by
 * the daemon's user and writable by nobody else; its mode and group are then set through a handle
 * opened without following links. Anything else is refused with the reason.
 *
 * <p>Thread-safety: stateless.
 */
public final class RuntimeDirectory {
    /** The mode of the runtime directory. */
    public static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwxr-x---");

    private RuntimeDirectory() {}

    /**
     * Creates or checks the directory, its group given by name ({@code [control] group}).
     *
     * @throws IOException when no such group exists, or as {@link #prepare(Path, Optional)}
     */
    public static Path prepareWithGroupName(Path dir, Optional<String> groupName) throws IOException {
        Optional<GroupPrincipal> group = Optional.empty();
        if (groupName.isPresent()) {
            try {
                group = Optional.of(FileSystems.getDefault()
                        .getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(groupName.get()));
            } catch (UserPrincipalNotFoundException e) {
                throw new IOException("control.group: no group named \"" + groupName.get() + "\"", e);
            }
        }
        return prepare(dir, group);
    }

    /**
     * Creates or checks the directory.
     *
     * @param dir the runtime directory
     * @param group the group that may enter it, or empty to leave the group as it is
     * @return the directory
     * @throws IOException naming the directory and the reason when it is unsafe or cannot be made so
     */
    public static Path prepare(Path dir, Optional<GroupPrincipal> group) throws IOException {
        Objects.requireNonNull(group, "group");
        Path absolute = dir.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(MODE));
        } catch (FileAlreadyExistsException e) {
            // checked below like any existing directory
        }
        PosixFileAttributeView view =
                Files.getFileAttributeView(absolute, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes attributes = view.readAttributes();
        if (attributes.isSymbolicLink()) {
            throw new IOException("runtime directory " + absolute + " is a symbolic link; refusing to use it");
        }
        if (!attributes.isDirectory()) {
            throw new IOException("runtime directory " + absolute + " is not a directory");
        }
        long self = new UnixSystem().getUid();
        Object owner = Files.getAttribute(absolute, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!(owner instanceof Integer uid) || uid != self) {
            throw new IOException("runtime directory " + absolute + " is owned by "
                    + attributes.owner().getName() + ", not by uid " + self + " who runs the daemon");
        }
        Set<PosixFilePermission> writableByOthers =
                EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        writableByOthers.retainAll(attributes.permissions());
        if (!writableByOthers.isEmpty()) {
            throw new IOException("runtime directory " + absolute + " is writable by others (mode "
                    + PosixFilePermissions.toString(attributes.permissions()) + "); make it 0750 or remove it");
        }
        // Both through the view opened with NOFOLLOW_LINKS: fchmod on an O_NOFOLLOW handle, lchown.
        if (group.isPresent() && !attributes.group().equals(group.get())) {
            view.setGroup(group.get());
        }
        if (!attributes.permissions().equals(MODE)) {
            view.setPermissions(MODE);
        }
        return absolute;
    }
}
