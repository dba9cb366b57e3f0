package io.recoverymanager.core.purityfixtures;

import java.sql.DriverManager;
import java.sql.SQLException;

/** Breaks the no-JDBC rule. */
public final class UsesJdbc {
    private UsesJdbc() {}

    public static Object connect() throws SQLException {
        return DriverManager.getConnection("jdbc:none");
    }
}
