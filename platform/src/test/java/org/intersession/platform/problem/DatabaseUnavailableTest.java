package org.intersession.platform.problem;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUnavailableTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void refusedConnectionFromHibernateIsUnavailable() {
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001");
        assertTrue(DatabaseUnavailable.causedBy(new PersistenceException(new JDBCConnectionException("could not connect", refused))));
    }

    @Test
    void agroalAcquisitionTimeoutIsUnavailable() {
        SQLException timeout = new SQLException("Sorry, acquisition timeout!");
        assertTrue(DatabaseUnavailable.causedBy(new GenericJDBCException("Unable to acquire JDBC Connection", timeout)));
    }

    @Test
    void transientConnectionFailureDeepInTheChainIsUnavailable() {
        RuntimeException wrapped = new RuntimeException(new IllegalStateException(new SQLTransientConnectionException("pool closed")));
        assertTrue(DatabaseUnavailable.causedBy(wrapped));
    }

    @Test
    void serverShuttingDownIsUnavailable() {
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("the database system is starting up", "57P03")));
    }

    @Test
    void aFailingStatementIsNotUnavailability() {
        assertFalse(DatabaseUnavailable.causedBy(new SQLException("duplicate key value violates unique constraint", "23505")));
        assertFalse(DatabaseUnavailable.causedBy(new SQLException("no state, no timeout")));
        assertFalse(DatabaseUnavailable.causedBy(new IllegalStateException("unrelated")));
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertFalse(DatabaseUnavailable.causedBy(first));
    }

    @Test
    void unreachableDatabaseAnswers503ProblemWithRetryAfter() {
        Response response = mappers.unexpected(new PersistenceException(
                new JDBCConnectionException("could not connect", new SQLException("refused", "08001"))), null);
        assertEquals(503, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertEquals(String.valueOf(ProblemMappers.DATABASE_RETRY_AFTER_SECONDS), response.getHeaderString("Retry-After"));
        Problem problem = (Problem) response.getEntity();
        assertEquals(503, problem.status());
        assertEquals("https://intersession.org/problems/unavailable", problem.type().toString());
    }

    @Test
    void otherFailuresStay500WithoutRetryAfter() {
        Response response = mappers.unexpected(new IllegalStateException("bug"), null);
        assertEquals(500, response.getStatus());
        assertEquals(null, response.getHeaderString("Retry-After"));
        assertEquals("https://intersession.org/problems/internal-error", ((Problem) response.getEntity()).type().toString());
    }
}
