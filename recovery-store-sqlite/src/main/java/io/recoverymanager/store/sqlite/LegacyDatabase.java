package io.recoverymanager.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;

/**
 * The database of the original C implementation: the same file name ({@code recoverymanager.db})
 * in the same default directory, SQLite without a {@code user_version}, with the tables {@code
 * Services}, {@code Actions} and {@code Friends}.
 *
 * <p>Such a file is recognised, never written, never moved aside and never called corrupt: a fleet
 * may still need it to downgrade, and an operator should decide when it goes. Our database then
 * lives beside it as {@link #STORE_FILE_BESIDE_LEGACY}, and stays there once that file exists (so
 * removing the old file later loses nothing). Refusing to start instead was rejected: a device
 * upgraded without the operator's attention would be left without any recovery.
 *
 * <p>Recognition opens the file with SQLite's {@code immutable} flag: no lock, no journal
 * roll-back, no write of any kind.
 *
 * <p>Thread-safety: stateless.
 */
public final class LegacyDatabase {
    /** Our database's name when the C implementation's database holds {@link SqliteRecoveryStore#FILE_NAME}. */
    public static final String STORE_FILE_BESIDE_LEGACY = "recoverymanager-state.db";

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> LEGACY_TABLES = Set.of("services", "actions", "friends");

    private LegacyDatabase() {}

    /**
     * Our database file in {@code stateDir}: {@link #STORE_FILE_BESIDE_LEGACY} when it exists or
     * when {@link SqliteRecoveryStore#FILE_NAME} is the C implementation's database, else {@link
     * SqliteRecoveryStore#FILE_NAME}.
     */
    public static Path storeFile(Path stateDir) {
        Path beside = stateDir.resolve(STORE_FILE_BESIDE_LEGACY);
        Path usual = stateDir.resolve(SqliteRecoveryStore.FILE_NAME);
        if (Files.exists(beside) || isLegacy(usual)) {
            return beside;
        }
        return usual;
    }

    /** The C implementation's database in {@code stateDir}, if there is one. */
    public static java.util.Optional<Path> in(Path stateDir) {
        Path usual = stateDir.resolve(SqliteRecoveryStore.FILE_NAME);
        return isLegacy(usual) ? java.util.Optional.of(usual) : java.util.Optional.empty();
    }

    /** What an operator should know about a C database found at {@code legacy}. */
    public static String advice(Path legacy, Path storeFile) {
        return legacy + " is the database of the original C implementation (tables Services, Actions,"
                + " Friends); it is left untouched and not imported: rvectors start at 0. This daemon keeps its"
                + " state in " + storeFile + ". Delete the old file once no C daemon will run here again"
                + " (a downgrade would still need it).";
    }

    /**
     * Whether {@code file} is a database of the C implementation. False for a missing, unreadable
     * or non-SQLite file, for a file with a {@code user_version}, and for any other schema.
     */
    public static boolean isLegacy(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] header = new byte[100];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(header, 0, header.length) < header.length) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        if (!Arrays.equals(Arrays.copyOf(header, SQLITE_MAGIC.length), SQLITE_MAGIC)) {
            return false;
        }
        // user_version: 4 bytes big-endian at offset 60 of the header
        int userVersion = ((header[60] & 0xff) << 24)
                | ((header[61] & 0xff) << 16)
                | ((header[62] & 0xff) << 8)
                | (header[63] & 0xff);
        if (userVersion != 0) {
            return false;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        String url = "jdbc:sqlite:" + file.toUri() + "?immutable=1";
        try (Connection c = config.createConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            Set<String> tables = new TreeSet<>();
            while (rs.next()) {
                tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
            return tables.containsAll(LEGACY_TABLES);
        } catch (SQLException e) {
            return false;
        }
    }
}
