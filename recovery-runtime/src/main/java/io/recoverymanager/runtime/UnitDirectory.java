package io.recoverymanager.runtime;

import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.core.unit.UnitParser;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads a units directory: every regular {@code *.toml} file directly in it (dotfiles such as
 * editor lock files skipped), in name order, parsed strictly. The file name is the unit's source,
 * so units keep their identity when the directory moves. A file that does not validate, cannot be
 * read, is not trusted ({@link UnitFileTrust}: not owned by the daemon's uid, writable by group or
 * others, a symbolic link, larger than 1 MiB), or names a service that an earlier file (in name
 * order) already governs is rejected with its errors; the store then keeps that source's previous
 * good version in force. A units directory that is itself not trusted is not read at all.
 *
 * <p>Thread-safety: immutable; each {@link #scan} reads the directory afresh.
 */
public final class UnitDirectory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UnitDirectory.class);

    private final Path directory;
    private final BiFunction<String, String, ParseResult> parser;
    private final UnitFileTrust trust;

    /** A directory read with the strict {@link UnitParser}. */
    public UnitDirectory(Path directory) {
        this(directory, new UnitParser()::parse);
    }

    /**
     * A directory read with another parser (for tests).
     *
     * @param parser maps (source, content) to a parse result
     */
    public UnitDirectory(Path directory, BiFunction<String, String, ParseResult> parser) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.trust = UnitFileTrust.forThisProcess();
    }

    /** Logs every rejected source with its errors (the units in force keep their last good version). */
    public static UnitCatalog logRejected(UnitCatalog catalog) {
        catalog.rejected().forEach((source, errors) -> errors.forEach(error -> LOG.error("rejected unit {}", error)));
        return catalog;
    }

    /** The directory read. */
    public Path directory() {
        return directory;
    }

    /**
     * Reads the directory. A directory that does not exist gives an empty catalog (no units yet).
     *
     * @throws IOException when the directory exists but cannot be listed, or is not trusted (not
     *     owned by the daemon's uid, writable by group or others, a symbolic link)
     */
    public UnitCatalog scan() throws IOException {
        Optional<String> untrusted;
        try {
            untrusted = trust.directoryProblem(directory);
        } catch (NoSuchFileException e) {
            return UnitCatalog.of(List.of());
        }
        if (untrusted.isPresent()) {
            throw new IOException("units directory " + directory + " " + untrusted.get());
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.toml")) {
            for (Path p : stream) {
                // Symbolic links and other non-directories are listed so that they are rejected
                // with a reason rather than silently dropped.
                if (!p.getFileName().toString().startsWith(".")
                        && !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return UnitCatalog.of(List.of());
        }
        files.sort(null);
        return read(files);
    }

    /**
     * Reads these unit files as {@link #scan} does (trust, strict parse, one unit per service in
     * the order given); the file name is the source. For {@link LayeredUnitDirectory}, which picks
     * the files of two directories.
     */
    UnitCatalog read(List<Path> files) {
        List<RecoveryUnit> units = new ArrayList<>();
        Map<String, List<UnitError>> rejected = new LinkedHashMap<>();
        Map<String, String> sourceByService = new HashMap<>();
        for (Path file : files) {
            String source = file.getFileName().toString();
            String content;
            UnitFileTrust.Content read = trust.read(file);
            if (read instanceof UnitFileTrust.Content.Refused refused) {
                rejected.put(source, List.of(new UnitError(source, 0, "", refused.reason())));
                continue;
            }
            content = ((UnitFileTrust.Content.Trusted) read).text();
            ParseResult result = parser.apply(source, content);
            if (result instanceof ParseResult.Invalid invalid) {
                rejected.put(source, invalid.errors());
                continue;
            }
            RecoveryUnit unit = ((ParseResult.Valid) result).unit();
            String first = sourceByService.putIfAbsent(unit.service(), source);
            if (first != null) {
                rejected.put(
                        source,
                        List.of(new UnitError(
                                source, 0, "service", unit.service() + " already has a unit in " + first)));
                continue;
            }
            units.add(unit);
        }
        return new UnitCatalog(units, rejected);
    }
}
