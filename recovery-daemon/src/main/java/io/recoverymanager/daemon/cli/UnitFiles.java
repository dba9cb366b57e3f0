package io.recoverymanager.daemon.cli;

import io.recoverymanager.runtime.UnitFileTrust;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands command-line arguments into unit files: a file stands for itself, a directory for the
 * {@code *.toml} files directly in it, sorted by name.
 *
 * <p>Thread-safety: stateless.
 */
final class UnitFiles {
    private UnitFiles() {}

    /**
     * The files found and the arguments that could not be used.
     *
     * @param files the unit files, in argument order, each directory's files sorted
     * @param problems {@code path: reason} for arguments that do not exist or cannot be listed
     */
    record Expansion(List<Path> files, List<String> problems) {}

    /**
     * Expands the arguments; a directory that {@code trust} refuses is reported as a problem, and
     * its files are still listed so that each is checked too.
     */
    static Expansion expand(List<Path> arguments, UnitFileTrust trust) {
        List<Path> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path arg : arguments) {
            if (Files.isDirectory(arg)) {
                try {
                    trust.directoryProblem(arg).ifPresent(p -> problems.add(arg + ": units directory " + p));
                } catch (IOException e) {
                    problems.add(arg + ": cannot look at the directory: " + e.getMessage());
                }
                List<Path> inDir = new ArrayList<>();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(arg, "*.toml")) {
                    for (Path p : dir) {
                        // links and other non-directories are listed so the trust check names them
                        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                            inDir.add(p);
                        }
                    }
                } catch (IOException e) {
                    problems.add(arg + ": cannot list the directory: " + e.getMessage());
                }
                inDir.sort(null);
                files.addAll(inDir);
            } else if (Files.exists(arg)) {
                files.add(arg);
            } else {
                problems.add(arg + ": no such file or directory");
            }
        }
        return new Expansion(files, problems);
    }
}
