package org.intersession.testing;

import org.intersession.infra.KafkaBroker;
import org.intersession.infra.PostgresServer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real PostgreSQL and Kafka of one test JVM, started at most once and shared by every test in it.
 * When the environment names external servers (a docker-compose stack, say), those are used instead:
 * {@code INTERSESSION_TEST_POSTGRES_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD} and
 * {@code INTERSESSION_TEST_KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class SharedServers {

    private static final Logger LOG = Logger.getLogger(SharedServers.class);

    private static PostgresServer postgres;
    private static KafkaBroker kafka;

    private SharedServers() {
    }

    /** Connection details of a database on the shared server, created if it does not exist. */
    public static synchronized Database database(String name) {
        String host = System.getenv("INTERSESSION_TEST_POSTGRES_HOST");
        Database database;
        if (host != null) {
            database = new Database("jdbc:postgresql://" + host + ":" + env("INTERSESSION_TEST_POSTGRES_PORT", "5432") + "/" + name,
                    env("INTERSESSION_TEST_POSTGRES_USER", PostgresServer.USER),
                    env("INTERSESSION_TEST_POSTGRES_PASSWORD", ""));
            createIfMissing(database, name);
            return database;
        }
        try {
            if (postgres == null) {
                postgres = PostgresServer.start(null, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(SharedServers::closePostgres, "stop-postgres"));
            }
            postgres.ensureDatabase(name);
            return new Database(postgres.jdbcUrl(name), PostgresServer.USER, "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /** The shared broker; only started here, never injected from outside, so fault tests can stop it. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            try {
                Path dir = Files.createTempDirectory("intersession-kafka-");
                kafka = KafkaBroker.start(dir, 0, line -> LOG.debug("[kafka] " + line));
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-kafka"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the Kafka broker", e);
            }
        }
        return kafka;
    }

    public static String kafkaBootstrapServers() {
        String external = System.getenv("INTERSESSION_TEST_KAFKA_BOOTSTRAP_SERVERS");
        return external != null ? external : kafka().bootstrapServers();
    }

    private static void createIfMissing(Database database, String name) {
        String serverUrl = database.jdbcUrl().substring(0, database.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(serverUrl, database.user(), database.password());
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare database " + name + " on the external server", e);
        }
    }

    private static void closePostgres() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    public record Database(String jdbcUrl, String user, String password) {
    }
}
