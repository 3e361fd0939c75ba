package org.intersession.platform.problem;

import org.hibernate.exception.JDBCConnectionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a database that cannot be reached (down, restarting, refusing connections, or the pool waited its acquisition
 * timeout in vain) from a failing statement. The first is temporary and the client should retry: 503, not 500.
 */
public final class DatabaseUnavailable {

    /** Agroal signals an acquisition timeout with a plain SQLException that carries no SQLState, only this text. */
    static final String AGROAL_ACQUISITION_TIMEOUT = "acquisition timeout";

    private DatabaseUnavailable() {
    }

    /** @return true if {@code failure} or any of its causes says the database could not be reached */
    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (isConnectionState(sql.getSQLState())
                    || sql.getSQLState() == null && sql.getMessage() != null && sql.getMessage().contains(AGROAL_ACQUISITION_TIMEOUT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 is "connection exception"; 57P01-57P03 are PostgreSQL's admin shutdown, crash shutdown and
     * "cannot connect now" (the server is starting or stopping).
     */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
