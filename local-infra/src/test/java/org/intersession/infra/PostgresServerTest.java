package org.intersession.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresServerTest {

    @Test
    void aSecondStartReusesTheDataDirectory(@TempDir Path dir) throws Exception {
        try (PostgresServer postgres = PostgresServer.start(dir, 0)) {
            postgres.ensureDatabase("kept");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("kept"), PostgresServer.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("create table note (text varchar(20))");
                s.execute("insert into note values ('still here')");
            }
        }
        try (PostgresServer postgres = PostgresServer.start(dir, 0)) {
            postgres.ensureDatabase("kept");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("kept"), PostgresServer.USER, "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select text, version() from note")) {
                assertTrue(rs.next());
                assertEquals("still here", rs.getString(1));
                assertTrue(rs.getString(2).startsWith("PostgreSQL 17."), rs.getString(2));
            }
        }
    }

    @Test
    void aRestartKeepsThePortAndTheData(@TempDir Path dir) throws Exception {
        try (PostgresServer postgres = PostgresServer.start(dir, 0)) {
            postgres.ensureDatabase("kept");
            int port = postgres.port();
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("kept"), PostgresServer.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("create table note (text varchar(20))");
                s.execute("insert into note values ('survived')");
            }
            postgres.stop();
            assertFalse(postgres.isRunning());
            assertThrows(SQLException.class, () -> DriverManager.getConnection(postgres.jdbcUrl("kept"), PostgresServer.USER, "").close());

            postgres.restart();
            assertEquals(port, postgres.port());
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("kept"), PostgresServer.USER, "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select text from note")) {
                assertTrue(rs.next());
                assertEquals("survived", rs.getString(1));
            }
        }
    }

    /**
     * The cluster of ./intersession up and of the benchmark (it has a data directory) commits as a production server
     * does: fsync, synchronous commit and full-page writes on. A throw-away test cluster skips both, also after a
     * restart; so does a kept one started as not durable (the end-to-end tests' stacks).
     */
    @Test
    void aClusterWithADataDirectoryIsDurableAsInProduction(@TempDir Path dir) throws Exception {
        try (PostgresServer postgres = PostgresServer.start(dir.resolve("durable"), 0)) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                assertEquals("on", setting(postgres, setting), setting);
            }
        }
        try (PostgresServer throwAway = PostgresServer.start(null, 0)) {
            assertEquals("off", setting(throwAway, "fsync"));
            assertEquals("off", setting(throwAway, "synchronous_commit"));
        }
        try (PostgresServer fast = PostgresServer.start(dir.resolve("fast"), 0, false)) {
            fast.stop();
            fast.restart();
            assertEquals("off", setting(fast, "fsync"));
            assertEquals("off", setting(fast, "synchronous_commit"));
        }
    }

    private static String setting(PostgresServer postgres, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), PostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show " + name)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
