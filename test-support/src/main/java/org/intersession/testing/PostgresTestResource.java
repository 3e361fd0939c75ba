package org.intersession.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points a service's datasource at its own database on the shared real PostgreSQL. Init arg: {@code database}. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String databaseName = "intersession";

    @Override
    public void init(Map<String, String> initArgs) {
        databaseName = initArgs.getOrDefault("database", databaseName);
    }

    @Override
    public Map<String, String> start() {
        SharedServers.Database database = SharedServers.database(databaseName);
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by a shutdown hook
    }
}
