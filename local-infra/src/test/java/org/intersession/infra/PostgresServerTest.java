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
}
