package io.recoverymanager.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * What root trusts in the units directory: the directory and every unit file must be owned by the
 * daemon's own uid and not writable by group or others; a unit file must be a regular file (a
 * symbolic link is refused, whatever it points to) of at most {@value #MAX_UNIT_FILE_BYTES} bytes,
 * and is read without following links. Anything else is refused with the file and the reason, so a
 * writer other than root can never make the daemon act on its text.
 *
 * <p>Thread-safety: immutable.
 */
public final class UnitFileTrust {
    /** The largest unit file read: 1 MiB. */
    public static final long MAX_UNIT_FILE_BYTES = 1024 * 1024;

    private static final Set<PosixFilePermission> OTHERS_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final int ownerUid;

    /** Trust files owned by this uid (and not writable by group or others). */
    public UnitFileTrust(int ownerUid) {
        this.ownerUid = ownerUid;
    }

    /** Trust files owned by the uid this process runs as (root for the daemon). */
    public static UnitFileTrust forThisProcess() {
        try {
            // /proc/self belongs to the process's effective uid.
            return new UnitFileTrust((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot tell which uid this process runs as: " + e, e);
        }
    }

    /** The uid unit files must belong to. */
    public int ownerUid() {
        return ownerUid;
    }

    /** A unit file's text, or why it was refused. */
    public sealed interface Content {
        /** The file passed every check; its text. */
        record Trusted(String text) implements Content {}

        /** The file was refused; the reason, without the file name. */
        record Refused(String reason) implements Content {}
    }

    /** Why the units directory must not be read, or empty when it may be. */
    public Optional<String> directoryProblem(Path directory) throws IOException {
        PosixFileAttributes attrs =
                Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink()) {
            return Optional.of("is a symbolic link; the units directory must be a directory root owns");
        }
        if (!attrs.isDirectory()) {
            return Optional.of("is not a directory");
        }
        return ownerAndModeProblem(directory, attrs);
    }

    /** Reads a unit file if it may be trusted. */
    public Content read(Path file) {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Content.Refused("cannot read: no such file");
        } catch (IOException e) {
            return new Content.Refused("cannot read: " + e.getMessage());
        }
        if (attrs.isSymbolicLink()) {
            return new Content.Refused("is a symbolic link; unit files must be regular files in the units directory");
        }
        if (!attrs.isRegularFile()) {
            return new Content.Refused("is not a regular file");
        }
        Optional<String> problem = ownerAndModeProblem(file, attrs);
        if (problem.isPresent()) {
            return new Content.Refused(problem.get());
        }
        if (attrs.size() > MAX_UNIT_FILE_BYTES) {
            return new Content.Refused(tooLarge());
        }
        // Opened without following a link (O_NOFOLLOW) and read up to one byte more than allowed, so
        // a file that grew or was swapped after the checks is still bounded and still no link.
        byte[] bytes;
        try (InputStream in = Channels.newInputStream(
                Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            bytes = in.readNBytes((int) MAX_UNIT_FILE_BYTES + 1);
        } catch (IOException e) {
            return new Content.Refused("cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_UNIT_FILE_BYTES) {
            return new Content.Refused(tooLarge());
        }
        try {
            return new Content.Trusted(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return new Content.Refused("cannot read: not valid UTF-8");
        }
    }

    private Optional<String> ownerAndModeProblem(Path path, PosixFileAttributes attrs) {
        int uid;
        try {
            uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot tell its owner: " + e.getMessage());
        }
        if (uid != ownerUid) {
            return Optional.of("owned by uid " + uid + " (" + attrs.owner().getName() + "), not by uid " + ownerUid
                    + " the daemon runs as; refusing to trust it");
        }
        Set<PosixFilePermission> permissions = attrs.permissions();
        if (permissions.stream().anyMatch(OTHERS_WRITE::contains)) {
            return Optional.of("writable by group or others (mode " + octal(permissions) + "); refusing to trust it");
        }
        return Optional.empty();
    }

    private static String tooLarge() {
        return "larger than " + MAX_UNIT_FILE_BYTES + " bytes; refusing to read it";
    }

    /** The permission bits as four octal digits, e.g. {@code 0664}. */
    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }
}
