package org.intersession.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 server from the embedded binaries (they start fine as root, unlike a plain initdb).
 * One server holds one database per service, as a production cluster would.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final Path dataDirectory;
    private final int port;
    private final boolean durable;
    /** null while stopped */
    private EmbeddedPostgres postgres;

    private PostgresServer(Path dataDirectory, EmbeddedPostgres postgres, boolean durable) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.durable = durable;
    }

    /**
     * A durable server when it has a data directory, a throw-away one otherwise; see {@link #start(Path, int, boolean)}.
     */
    public static PostgresServer start(Path dataDirectory, int port) throws IOException {
        return start(dataDirectory, port, dataDirectory != null);
    }

    /**
     * @param dataDirectory where the cluster lives; an existing cluster is reused. {@code null} for a throw-away one.
     * @param port          0 for a free port
     * @param durable       commit as a production server does ({@code fsync} and {@code synchronous_commit} on: a
     *                      committed transaction survives a crash of the machine), or skip both for speed, for data
     *                      that is thrown away anyway. The embedded binaries' own default is not durable.
     */
    public static PostgresServer start(Path dataDirectory, int port, boolean durable) throws IOException {
        return new PostgresServer(dataDirectory, embedded(dataDirectory, port, durable), durable);
    }

    private static EmbeddedPostgres embedded(Path dataDirectory, int port, boolean durable) throws IOException {
        String commit = durable ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", commit)
                .setServerConfig("synchronous_commit", commit);
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory.toFile()).setCleanDataDirectory(false);
        }
        return builder.start();
    }

    /**
     * The postmaster, read from its pid file (Linux and macOS); its backends are its children. Empty for a
     * throw-away cluster or while stopped. For the benchmark's CPU accounting.
     */
    public synchronized Optional<ProcessHandle> postmaster() {
        if (postgres == null || dataDirectory == null) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::strip).map(Long::parseLong).flatMap(ProcessHandle::of);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /**
     * Stops the server (fast shutdown: open sessions are ended, as in a crash of the database host), keeping its data;
     * {@link #restart()} brings it back on the same port. For fault tests.
     */
    public synchronized void stop() throws IOException {
        if (dataDirectory == null) {
            throw new IllegalStateException("a throw-away cluster cannot be restarted");
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Starts a stopped server again with the same port and data. */
    public synchronized void restart() throws IOException {
        if (postgres == null) {
            postgres = embedded(dataDirectory, port, durable);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the database unless it exists already. */
    public void ensureDatabase(String database) throws SQLException {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = running().getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + database);
            }
        }
    }

    private synchronized EmbeddedPostgres running() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return postgres;
    }

    @Override
    public synchronized void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
