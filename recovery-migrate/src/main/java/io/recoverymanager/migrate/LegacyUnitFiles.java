package io.recoverymanager.migrate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Units of the original C implementation ({@code *.recovery}) left in a units directory. The
 * daemon reads only {@code *.toml}; these files are never read, so every start, reload and {@code
 * check} names each of them with the {@code convert} command to run instead of ignoring them
 * silently.
 *
 * <p>Thread-safety: stateless.
 */
public final class LegacyUnitFiles {
    /** The old units' file name suffix. */
    public static final String SUFFIX = ".recovery";

    private LegacyUnitFiles() {}

    /**
     * The regular {@code *.recovery} files directly in {@code directory} (dotfiles skipped), in name
     * order; empty when the directory does not exist.
     *
     * @throws IOException when the directory exists but cannot be listed
     */
    public static List<Path> in(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path p : stream) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        files.sort(null);
        return files;
    }

    /** The operator's message for one such file: what it is and the command that converts it. */
    public static String advice(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return "a unit of the original C implementation, not read (only *.toml units are); convert it with:"
                + " recoverymanager convert " + file + " --output " + dir;
    }
}
