package io.recoverymanager.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Replaces a small text file the daemon (root) writes into a directory someone else may be able to
 * write to, such as node_exporter's textfile-collector directory: the text goes to a new temporary
 * file with an unpredictable name in the same directory, created with {@code CREATE_NEW} and {@code
 * NOFOLLOW_LINKS} ({@code O_CREAT|O_EXCL|O_NOFOLLOW}, so nothing planted there, symbolic link or
 * file, is ever opened) and mode {@code 0644} at most, flushed, then renamed over the target.
 * {@code rename(2)} replaces a symbolic link planted at the target as itself: root never writes
 * through it.
 *
 * <p>Thread-safety: stateless; concurrent writes of the same target each use their own temporary
 * file, and the last rename wins.
 */
public final class AtomicTextFile {
    private static final FileAttribute<Set<PosixFilePermission>> MODE_0644 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicTextFile() {}

    /**
     * Writes {@code text} (UTF-8) to {@code target} atomically, never through a symbolic link.
     *
     * @throws IOException naming the file when it cannot be written; the target is then unchanged
     */
    public static void write(Path target, String text) throws IOException {
        write(target, text, AtomicTextFile::randomSuffix);
    }

    /** The same with the temporary file's suffix chosen by the caller (tests plant links there). */
    static void write(Path target, String text, Supplier<String> suffix) throws IOException {
        Objects.requireNonNull(text, "text");
        Path name = Objects.requireNonNull(target, "target").getFileName();
        if (name == null) {
            throw new IOException("cannot write " + target + ": not a file path");
        }
        Path tmp = target.resolveSibling("." + name + "." + suffix.get() + ".tmp");
        try (FileChannel out = FileChannel.open(
                tmp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                MODE_0644)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + " (temporary file " + tmp + "): " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot replace " + target + ": " + e.getMessage(), e);
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
