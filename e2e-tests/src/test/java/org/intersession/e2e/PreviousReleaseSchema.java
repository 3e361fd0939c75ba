package org.intersession.e2e;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gives a service's empty database the schema of the previous release, for deploy/compose-test's upgrade: the new
 * images must then start on it and migrate it. No release has been cut yet, so "the previous release" is every
 * migration but the newest one of the service.
 *
 * <p>It runs inside the service's own image, with the Flyway and JDBC driver the service itself uses
 * ({@code /deployments/lib/main}) and the service's datasource settings from its environment:
 * <pre>
 * java -cp '/deployments/lib/main/*:CLASSES' org.intersession.e2e.PreviousReleaseSchema MIGRATION_FOLDER...
 * </pre>
 * with the folders in the order of the service's {@code quarkus.flyway.locations}.
 */
public final class PreviousReleaseSchema {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");

    private PreviousReleaseSchema() {
    }

    public static void main(String[] folders) throws IOException {
        List<MigrationVersion> versions = new ArrayList<>();
        for (String folder : folders) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                files.map(file -> VERSIONED.matcher(file.getFileName().toString())).filter(Matcher::matches)
                        .map(version -> MigrationVersion.fromVersion(version.group(1).replace('_', '.'))).forEach(versions::add);
            }
        }
        versions.sort(Comparator.naturalOrder());
        if (versions.size() < 2) {
            throw new IllegalStateException("no previous release to migrate to: " + versions);
        }
        MigrationVersion previous = versions.get(versions.size() - 2);
        MigrateResult result = Flyway.configure()
                .dataSource(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"), System.getenv("QUARKUS_DATASOURCE_USERNAME"),
                        System.getenv("QUARKUS_DATASOURCE_PASSWORD"))
                .locations(Stream.of(folders).map(folder -> "filesystem:" + folder).toArray(String[]::new))
                .target(previous)
                .load().migrate();
        System.out.println(result.migrationsExecuted + " migrations to version " + previous
                + " (the previous release); version " + versions.get(versions.size() - 1) + " is left to the new images");
    }
}
