package io.recoverymanager.store.sqlite;

import io.recoverymanager.core.unit.Friend;
import io.recoverymanager.core.unit.RecoveryAction;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.StoredUnit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads and writes units as rows: {@code units} (one per source), {@code unit_actions} and {@code
 * unit_friends} (children, deleted with their unit by the foreign keys' cascade).
 *
 * <p>Thread-safety: stateless; callers serialise use of the connection.
 */
final class UnitRows {
    static final String SELECT_UNITS =
            "SELECT source, service, hash, relax_time, check_start, public_data, private_data FROM units";
    static final String SELECT_ACTIONS =
            "SELECT source, type, retry, reset FROM unit_actions ORDER BY source, position";
    static final String SELECT_FRIENDS =
            "SELECT source, type, name, context, action, signal, delay FROM unit_friends ORDER BY source, position";
    static final String INSERT_UNIT = "INSERT INTO units (source, service, hash, relax_time, check_start,"
            + " public_data, private_data, canonical) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_ACTION =
            "INSERT INTO unit_actions (source, position, type, retry, reset) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_FRIEND = "INSERT INTO unit_friends (source, position, type, name, context, action,"
            + " signal, delay) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String DELETE_UNIT = "DELETE FROM units WHERE source = ?";

    private UnitRows() {}

    /** Every stored unit by source; a row that does not decode is reported as corrupt data. */
    static NavigableMap<String, StoredUnit> loadAll(Connection connection) throws SQLException {
        Map<String, List<RecoveryAction>> actions = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_ACTIONS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                actions.computeIfAbsent(rs.getString(1), s -> new ArrayList<>())
                        .add(new RecoveryAction(
                                Codec.actionType(rs.getString(2), "unit_actions.type"),
                                rs.getInt(3),
                                rs.getInt(4) != 0));
            }
        }
        Map<String, List<Friend>> friends = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_FRIENDS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                friends.computeIfAbsent(rs.getString(1), s -> new ArrayList<>())
                        .add(new Friend(
                                Codec.friendType(rs.getString(2), "unit_friends.type"),
                                rs.getString(3),
                                Optional.ofNullable(rs.getString(4)),
                                Codec.friendAction(rs.getString(5), "unit_friends.action"),
                                rs.getInt(6),
                                Duration.parse(rs.getString(7))));
            }
        }
        NavigableMap<String, StoredUnit> units = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_UNITS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String source = rs.getString(1);
                RecoveryUnit unit = new RecoveryUnit(
                        source,
                        rs.getString(2),
                        Duration.parse(rs.getString(4)),
                        rs.getInt(5) != 0,
                        Optional.ofNullable(rs.getString(6)),
                        Optional.ofNullable(rs.getString(7)),
                        actions.getOrDefault(source, List.of()),
                        friends.getOrDefault(source, List.of()));
                units.put(source, new StoredUnit(unit, rs.getString(3)));
            }
        }
        return units;
    }

    /** Prepared inserts for a batch of units; execute with {@link #flush}. */
    static final class Inserts implements AutoCloseable {
        private final PreparedStatement unit;
        private final PreparedStatement action;
        private final PreparedStatement friend;

        Inserts(Connection connection) throws SQLException {
            this.unit = connection.prepareStatement(INSERT_UNIT);
            this.action = connection.prepareStatement(INSERT_ACTION);
            this.friend = connection.prepareStatement(INSERT_FRIEND);
        }

        void add(StoredUnit stored, String canonical) throws SQLException {
            RecoveryUnit u = stored.unit();
            unit.setString(1, u.source());
            unit.setString(2, u.service());
            unit.setString(3, stored.hash());
            unit.setString(4, u.relaxTime().toString());
            unit.setInt(5, u.checkStart() ? 1 : 0);
            setOptional(unit, 6, u.publicData());
            setOptional(unit, 7, u.privateData());
            unit.setString(8, canonical);
            unit.addBatch();
            int position = 0;
            for (RecoveryAction a : u.actions()) {
                action.setString(1, u.source());
                action.setInt(2, position++);
                action.setString(3, a.type().tomlName());
                action.setInt(4, a.retry());
                action.setInt(5, a.reset() ? 1 : 0);
                action.addBatch();
            }
            position = 0;
            for (Friend f : u.friends()) {
                friend.setString(1, u.source());
                friend.setInt(2, position++);
                friend.setString(3, f.type().tomlName());
                friend.setString(4, f.name());
                setOptional(friend, 5, f.context());
                friend.setString(6, f.action().tomlName());
                friend.setInt(7, f.signal());
                friend.setString(8, f.delay().toString());
                friend.addBatch();
            }
        }

        /** Executes the batched inserts, parents first so the foreign keys hold. */
        void flush() throws SQLException {
            unit.executeBatch();
            action.executeBatch();
            friend.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            try (unit;
                    action;
                    friend) {
                // closes all three
            }
        }
    }

    /**
     * The unit hash from an already rendered canonical form: SHA-256 of its UTF-8 bytes, lower-case
     * hex, exactly as {@link RecoveryUnit#hash()} defines it, without rendering the form twice.
     */
    static String hashOf(String canonicalForm) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonicalForm.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static void setOptional(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }
}
