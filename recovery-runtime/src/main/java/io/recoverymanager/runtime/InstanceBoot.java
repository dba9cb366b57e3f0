package io.recoverymanager.runtime;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The boot of this daemon's instance: the kernel's boot id combined with an id created on the first
 * start after the runtime directory was emptied. The runtime directory is a tmpfs ({@code /run}),
 * which a reboot and a container restart both empty, while a container shares the host's kernel
 * boot id; so the combination changes when either the host or the container restarts, and stays
 * the same across daemon restarts in between. Meditation lasts for one such boot.
 *
 * <p>Thread-safety: stateless; concurrent first starts in one runtime directory agree on one id
 * (the file is created atomically and never replaced).
 */
public final class InstanceBoot {
    /** The file in the runtime directory that holds the instance id. */
    public static final String FILE_NAME = "instance-boot-id";

    private InstanceBoot() {}

    /**
     * The boot id of this instance: {@code kernelBootId/instanceId}, creating the instance id in
     * {@code runtimeDir} if it is not there yet.
     */
    public static String id(String kernelBootId, Path runtimeDir) throws IOException {
        return kernelBootId + "/" + instanceId(runtimeDir);
    }

    /** The kernel's boot id, or {@code unknown-boot} where it cannot be read. */
    public static String kernelBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException e) {
            return "unknown-boot";
        }
    }

    /**
     * The boot id of this instance if a daemon has started in this boot ({@code runtimeDir} holds
     * the instance id); never creates anything, for readers such as the command line.
     */
    public static java.util.Optional<String> current(String kernelBootId, Path runtimeDir) {
        Path file = runtimeDir.resolve(FILE_NAME);
        try {
            return Files.exists(file)
                    ? java.util.Optional.of(kernelBootId + "/" + read(file))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String instanceId(Path runtimeDir) throws IOException {
        Path file = runtimeDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return read(file);
        }
        Path tmp = Files.createTempFile(runtimeDir, FILE_NAME, ".tmp");
        try {
            Files.writeString(tmp, UUID.randomUUID() + "\n");
            try {
                // A hard link fails if the file exists: the first writer wins, nobody replaces it.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another start created it first
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return read(file);
    }

    private static String read(Path file) throws IOException {
        String id = Files.readString(file).strip();
        if (id.isEmpty() || id.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IOException(file + ": not an instance boot id (expected one printable word)");
        }
        return id;
    }
}
