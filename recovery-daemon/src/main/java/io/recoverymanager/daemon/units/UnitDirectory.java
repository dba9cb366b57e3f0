package io.recoverymanager.daemon.units;

import io.recoverymanager.core.unit.ParseResult;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.core.unit.UnitParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.function.BiFunction;

/**
 * Reads a units directory: every regular {@code *.toml} file directly in it (dotfiles such as
 * editor lock files skipped), in name order, parsed strictly. The file name is the unit's source,
 * so units keep their identity when the directory moves. A file that does not validate, cannot be
 * read, or names a service that an earlier file (in name order) already governs is rejected with
 * its errors; the store then keeps that source's previous good version in force.
 *
 * <p>Thread-safety: immutable; each {@link #scan} reads the directory afresh.
 */
public final class UnitDirectory {
    private final Path directory;
    private final BiFunction<String, String, ParseResult> parser;

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
    }

    /** The directory read. */
    public Path directory() {
        return directory;
    }

    /**
     * Reads the directory. A directory that does not exist gives an empty catalog (no units yet).
     *
     * @throws IOException when the directory exists but cannot be listed
     */
    public UnitCatalog scan() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.toml")) {
            for (Path p : stream) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return UnitCatalog.of(List.of());
        }
        files.sort(null);
        List<RecoveryUnit> units = new ArrayList<>();
        Map<String, List<UnitError>> rejected = new LinkedHashMap<>();
        Map<String, String> sourceByService = new HashMap<>();
        for (Path file : files) {
            String source = file.getFileName().toString();
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                rejected.put(source, List.of(new UnitError(source, 0, "", "cannot read: " + e.getMessage())));
                continue;
            }
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
