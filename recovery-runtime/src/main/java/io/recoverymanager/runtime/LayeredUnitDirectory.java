package io.recoverymanager.runtime;

import io.recoverymanager.core.unit.UnitCatalog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Units in two layers, as systemd layers unit files: a read-only <em>vendor</em> directory
 * (default {@code /usr/lib/recoverymanager/units}, shipped with the image or a package) under the
 * operator's directory ({@code /etc/recoverymanager/units}). A file in the operator's directory
 * replaces the vendor file of the same name; a symbolic link to {@code /dev/null} there masks it
 * (no unit for that name at all). Files are taken by name, in name order; each is then read with
 * the rules of {@link UnitDirectory} (trust, strict parse, one unit per service), and its name is
 * its source, so a unit keeps its identity (and a changed one its reset) when it moves between
 * layers. Either directory may be missing; one that is not trusted is not read at all.
 *
 * <p>Thread-safety: immutable; each {@link #scan} reads the directories afresh.
 */
public final class LayeredUnitDirectory {
    private static final Path DEV_NULL = Path.of("/dev/null");

    private final Path vendor;
    private final Path admin;

    /**
     * @param vendor the vendor layer, read-only for the operator
     * @param admin the operator's layer, which wins
     */
    public LayeredUnitDirectory(Path vendor, Path admin) {
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * Which files are in force and what the layering did.
     *
     * @param files the unit files in force, in name order
     * @param notes one line per vendor file overridden and per name masked
     */
    public record Layers(List<Path> files, List<String> notes) {
        public Layers {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /** Whether the file is a mask: a symbolic link to {@code /dev/null}. */
    public static boolean isMask(Path file) {
        if (!Files.isSymbolicLink(file)) {
            return false;
        }
        try {
            return Files.readSymbolicLink(file).equals(DEV_NULL);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The files in force: per name, the operator's file, else the vendor's; none for a masked name.
     *
     * @throws IOException when a directory exists but cannot be listed or is not trusted
     */
    public Layers layers() throws IOException {
        Map<String, Path> vendorFiles = list(vendor);
        Map<String, Path> adminFiles = list(admin);
        TreeMap<String, Path> chosen = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        TreeMap<String, Boolean> names = new TreeMap<>();
        vendorFiles.keySet().forEach(n -> names.put(n, true));
        adminFiles.keySet().forEach(n -> names.put(n, true));
        for (String name : names.keySet()) {
            Optional<Path> own = Optional.ofNullable(adminFiles.get(name));
            Optional<Path> shipped = Optional.ofNullable(vendorFiles.get(name));
            Path winner = own.orElseGet(shipped::get);
            if (isMask(winner)) {
                notes.add(winner + ": masked (a link to /dev/null)"
                        + shipped.filter(v -> !v.equals(winner))
                                .map(v -> "; " + v + " is not read")
                                .orElse(""));
                continue;
            }
            if (own.isPresent() && shipped.isPresent()) {
                notes.add(shipped.get() + ": overridden by " + own.get());
            }
            chosen.put(name, winner);
        }
        return new Layers(new ArrayList<>(chosen.values()), notes);
    }

    /**
     * Reads the units in force.
     *
     * @throws IOException when a directory exists but cannot be listed or is not trusted
     */
    public UnitCatalog scan() throws IOException {
        return new UnitDirectory(admin).read(layers().files());
    }

    /** The {@code *.toml} entries directly in a trusted directory (dotfiles skipped), by name. */
    private static Map<String, Path> list(Path directory) throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        Optional<String> untrusted;
        try {
            untrusted = UnitFileTrust.forThisProcess().directoryProblem(directory);
        } catch (NoSuchFileException e) {
            return files;
        }
        if (untrusted.isPresent()) {
            throw new IOException("units directory " + directory + " " + untrusted.get());
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.toml")) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                // links and other non-directories are kept so that masks are seen and the rest is
                // rejected with a reason rather than silently dropped
                if (!name.startsWith(".") && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(name, p);
                }
            }
        } catch (NoSuchFileException e) {
            return files;
        }
        return files;
    }
}
