package org.intersession.e2e;

import org.intersession.launcher.ServiceEnvironment;
import org.intersession.launcher.ServiceSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/compose-test starts docker-compose.yml with Docker after {@code mvn -B verify}; this test, which needs no
 * Docker, keeps the compose file in step with what the applications read: service names, environment variables,
 * ports, databases and their roles, images, limits, networks, and the variables .env.example explains.
 */
class DockerComposeConsistencyTest {

    private static final Path HOME = Path.of(System.getProperty("intersession.home", "..")).toAbsolutePath().normalize();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)([:?-][^}]*)?}");
    private static String composeText;
    private static Map<String, Object> compose;
    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        composeText = Files.readString(HOME.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
        compose = new Yaml().load(composeText);
        services = (Map<String, Object>) compose.get("services");
    }

    @Test
    void everyModuleIsAComposeServiceAlongsidePostgresAndKafka() {
        Set<String> expected = new HashSet<>(Set.of("postgres", "kafka"));
        for (ServiceSpec spec : ServiceSpec.values()) {
            expected.add(spec.module());
        }
        assertEquals(expected, services.keySet());
    }

    @Test
    void composeSetsWhatTheLauncherSetsAndEveryVariableIsASettingTheServiceReads() throws IOException {
        ServiceEnvironment.Endpoints endpoints = new ServiceEnvironment.Endpoints("jdbc:postgresql://postgres:5432/",
                "intersession", "secret", "kafka:9092", urls(), ports(), Path.of("/var/lib/intersession/keys"),
                "operator@intersession.local", "operator-secret", "smtp.clinic.example", 587, "webhook-key", "events-key", "0.0.0.0");
        for (ServiceSpec spec : ServiceSpec.values()) {
            Map<String, String> composeEnv = environment(spec.module());
            Set<String> launcherNames = ServiceEnvironment.of(spec, endpoints).keySet();
            assertTrue(composeEnv.keySet().containsAll(launcherNames),
                    spec.module() + " in compose lacks " + difference(launcherNames, composeEnv.keySet()));

            Set<String> known = knownSettings(spec);
            for (String variable : composeEnv.keySet()) {
                assertTrue(known.contains(variable), spec.module() + ": " + variable + " is not a setting it reads");
            }
        }
    }

    @Test
    void urlsPortsAndDatabasesPointWhereTheServicesListen() {
        for (ServiceSpec spec : ServiceSpec.values()) {
            Map<String, String> env = environment(spec.module());
            assertEquals("8080", env.get("QUARKUS_HTTP_PORT"), spec.module());
            assertEquals("jdbc:postgresql://postgres:5432/" + spec.database(), env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
            List<String> healthcheck = healthcheck(spec.module());
            assertTrue(healthcheck.contains("http://localhost:" + env.get("QUARKUS_HTTP_PORT") + "/q/health/ready"),
                    spec.module() + " health check probes its readiness endpoint");
            if (spec == ServiceSpec.GATEWAY) {
                assertEquals("http://assignment-service:8080", env.get("INTERSESSION_GATEWAY_UPSTREAMS_ASSIGNMENT"));
                assertEquals("http://progress-service:8080", env.get("INTERSESSION_GATEWAY_UPSTREAMS_PROGRESS"));
                assertEquals("http://notification-service:8080", env.get("INTERSESSION_GATEWAY_UPSTREAMS_NOTIFICATION"));
            } else {
                assertEquals("http://gateway:8080/.well-known/jwks.json", env.get("INTERSESSION_JWT_JWKS_URL"));
            }
        }
    }

    @Test
    void everyServiceLogsInAsItsOwnRoleWhichTheInitScriptCreatesWithItsDatabase() throws IOException {
        String initScript = Files.readString(HOME.resolve("deploy/postgres/init-databases.sh"), StandardCharsets.UTF_8);
        Map<String, String> postgres = environment("postgres");
        Set<String> passwords = new HashSet<>();
        for (ServiceSpec spec : ServiceSpec.values()) {
            Map<String, String> env = environment(spec.module());
            String variable = spec.database().toUpperCase(Locale.ROOT) + "_DB_PASSWORD";
            String required = "${" + variable + ":?set " + variable + "}";
            assertEquals(spec.database(), env.get("QUARKUS_DATASOURCE_USERNAME"), spec.module() + " logs in as its own role");
            assertEquals(required, env.get("QUARKUS_DATASOURCE_PASSWORD"), spec.module());
            assertEquals(required, postgres.get(variable), "postgres is given " + variable + " for its first start");
            assertTrue(initScript.contains("create_service_database " + spec.database() + " \"" + required + "\""),
                    "the init script creates the role and database " + spec.database());
            assertTrue(passwords.add(variable), "no role shared");
        }
        assertTrue(initScript.contains("create database :\"name\" owner :\"name\";"), "each role owns its database");
        assertTrue(initScript.contains("revoke all on database :\"name\" from public;"), "and no other role may connect to it");
        assertEquals(List.of("./deploy/postgres/init-databases.sh:/docker-entrypoint-initdb.d/init-databases.sh:ro"),
                ((List<?>) service("postgres").get("volumes")).stream().filter(v -> v.toString().contains("initdb")).toList());
        assertTrue(Files.isExecutable(HOME.resolve("deploy/postgres/init-databases.sh")), "the postgres image runs it");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheGatewayIsPublishedAndEveryServiceWaitsForHealthyDependencies() {
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) entry.getValue();
            if (entry.getKey().equals("gateway")) {
                assertEquals(List.of("${INTERSESSION_PORT:-8080}:8080"), service.get("ports"));
            } else {
                assertNull(service.get("ports"), entry.getKey() + " must not be published");
            }
            if (entry.getKey().equals("postgres") || entry.getKey().equals("kafka")) {
                assertNotNull(service.get("healthcheck"), entry.getKey() + " has a health check");
                continue;
            }
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
            assertTrue(dependsOn.keySet().containsAll(Set.of("postgres", "kafka")), entry.getKey());
            dependsOn.forEach((name, condition) ->
                    assertEquals("service_healthy", condition.get("condition"), entry.getKey() + " -> " + name));
        }
        Map<String, Map<String, String>> gatewayDeps = (Map<String, Map<String, String>>) ((Map<String, Object>) services.get("gateway")).get("depends_on");
        assertTrue(gatewayDeps.keySet().containsAll(Set.of("assignment-service", "progress-service", "notification-service")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsBuiltFromItsJvmDockerfileAndRunsAsANonRootUser() throws IOException {
        for (ServiceSpec spec : ServiceSpec.values()) {
            Map<String, Object> build = (Map<String, Object>) ((Map<String, Object>) services.get(spec.module())).get("build");
            assertEquals("./" + spec.module(), build.get("context"));
            assertEquals("src/main/docker/Dockerfile.jvm", build.get("dockerfile"));
            List<String> dockerfile = Files.readAllLines(HOME.resolve(spec.module()).resolve("src/main/docker/Dockerfile.jvm"));
            String user = dockerfile.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
            assertFalse(user.equals("USER root") || user.equals("USER 0"), spec.module() + " runs as " + user);
            assertTrue(dockerfile.contains("EXPOSE 8080"), spec.module() + " exposes the port compose uses");
            // the class-data archive is written in the image, by the JVM that reads it, and used at start
            assertTrue(dockerfile.stream().anyMatch(line -> line.startsWith("RUN java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true")),
                    spec.module() + " writes its class-data archive in the image");
            assertTrue(dockerfile.stream().anyMatch(line -> line.startsWith("ENTRYPOINT") && line.contains("-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto")),
                    spec.module() + " starts from its class-data archive");
        }
        assertEquals("postgres:17", service("postgres").get("image"));
        assertEquals("apache/kafka:" + projectProperty("kafka.version"), service("kafka").get("image"), "the broker the build tests against");
    }

    @Test
    void everyContainerIsNonRootLimitedAndRotatesItsLogs() {
        assertEquals("postgres", service("postgres").get("user"), "PostgreSQL runs as postgres from the start");
        for (String name : services.keySet()) {
            Map<String, Object> container = service(name);
            assertNotNull(container.get("mem_limit"), name + " has a memory limit");
            assertNotNull(container.get("cpus"), name + " has a CPU limit");
            assertEquals("unless-stopped", container.get("restart"), name);
            @SuppressWarnings("unchecked")
            Map<String, Object> logging = (Map<String, Object>) container.get("logging");
            assertEquals("json-file", logging.get("driver"), name);
            @SuppressWarnings("unchecked")
            Map<String, Object> options = (Map<String, Object>) logging.get("options");
            assertNotNull(options.get("max-size"), name + " rotates its log");
            assertNotNull(options.get("max-file"), name + " keeps a bounded number of logs");
        }
        // the Kafka heap stays inside the container's limit (its scripts default to 1 GB)
        assertTrue(environment("kafka").get("KAFKA_HEAP_OPTS").contains("-Xmx512m"));
        assertEquals("/var/lib/kafka/data", environment("kafka").get("KAFKA_LOG_DIRS"), "the broker's data is on its volume");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheGatewayAndNotificationServiceReachBeyondTheInternalNetwork() {
        Map<String, Map<String, Object>> networks = (Map<String, Map<String, Object>>) compose.get("networks");
        assertEquals(Boolean.TRUE, networks.get("backend").get("internal"), "the backend network has no route out");
        for (String name : services.keySet()) {
            List<String> attached = (List<String>) service(name).get("networks");
            if (name.equals("gateway") || name.equals("notification-service")) {
                assertEquals(List.of("backend", "edge"), attached, name + ": published, or sending email and webhooks");
            } else {
                assertEquals(List.of("backend"), attached, name);
            }
        }
    }

    @Test
    void everyVariableIsExplainedInEnvExampleAndNoSecretHasADefault() throws IOException {
        Map<String, String> used = new TreeMap<>();
        Matcher matcher = VARIABLE.matcher(composeText);
        while (matcher.find()) {
            used.merge(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2), (a, b) -> a.startsWith(":?") ? a : b);
        }
        List<String> example = Files.readAllLines(HOME.resolve(".env.example"), StandardCharsets.UTF_8);
        Set<String> explained = example.stream().filter(line -> line.matches("[A-Z][A-Z0-9_]*=.*"))
                .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(used.keySet(), explained, ".env.example lists exactly the variables docker-compose.yml uses");
        for (int at = 0; at < example.size(); at++) {
            String line = example.get(at);
            if (!line.matches("[A-Z][A-Z0-9_]*=.*")) {
                continue;
            }
            String name = line.substring(0, line.indexOf('='));
            int paragraph = at;
            while (paragraph > 0 && !example.get(paragraph - 1).isBlank()) {
                paragraph--;
            }
            assertTrue(example.subList(paragraph, at).stream().anyMatch(l -> l.startsWith("# ")), name + " is explained above it");
            if (name.endsWith("PASSWORD") || name.endsWith("_KEY")) {
                assertEquals(name + "=", line, name + " is a secret: .env.example gives it no value");
                assertTrue(used.get(name).startsWith(":?") || used.get(name).equals(":-"),
                        name + " is a secret: docker-compose.yml requires it, or leaves it empty");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTestOverrideAddsOnlySettingsTheServicesRead() throws IOException {
        Map<String, Object> override;
        try (Reader reader = Files.newBufferedReader(HOME.resolve("deploy/test/docker-compose.test.yml"), StandardCharsets.UTF_8)) {
            override = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(reader)).get("services");
        }
        Map<String, Object> notification = (Map<String, Object>) override.get("notification-service");
        Set<String> known = knownSettings(ServiceSpec.NOTIFICATION);
        for (Object variable : ((Map<String, Object>) notification.get("environment")).keySet()) {
            assertTrue(known.contains(variable.toString()), variable + " is not a setting notification-service reads");
        }
        assertNull(((Map<String, Object>) override.get("sinks")).get("ports"), "the test's sinks are not published either");
    }

    /**
     * The environment variables the service reads: those that map to a property it configures (SmallRye Config:
     * upper case, every character outside [A-Z0-9] becomes '_'), from its application.properties and the shared
     * defaults, and those a property's value refers to ({@code ${INTERSESSION_CORS_ORIGINS:}}).
     */
    private static Set<String> knownSettings(ServiceSpec spec) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(HOME.resolve(spec.module()).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        try (Reader reader = Files.newBufferedReader(HOME.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"))) {
            properties.load(reader);
        }
        Set<String> known = properties.stringPropertyNames().stream()
                .filter(name -> !name.startsWith("%"))
                .map(name -> name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"))
                .collect(Collectors.toCollection(HashSet::new));
        for (String name : properties.stringPropertyNames()) {
            Matcher reference = VARIABLE.matcher(properties.getProperty(name));
            while (reference.find()) {
                known.add(reference.group(1));
            }
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    private static String projectProperty(String name) throws IOException {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(HOME.resolve("pom.xml")));
        assertTrue(value.find(), name + " in pom.xml");
        return value.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) services.get(service)).get("environment");
        return env.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthcheck(String service) {
        Map<String, Object> healthcheck = (Map<String, Object>) ((Map<String, Object>) services.get(service)).get("healthcheck");
        return (List<String>) healthcheck.get("test");
    }

    private static Map<ServiceSpec, String> urls() {
        Map<ServiceSpec, String> urls = new EnumMap<>(ServiceSpec.class);
        for (ServiceSpec spec : ServiceSpec.values()) {
            urls.put(spec, "http://" + spec.module() + ":8080");
        }
        return urls;
    }

    private static Map<ServiceSpec, Integer> ports() {
        Map<ServiceSpec, Integer> ports = new EnumMap<>(ServiceSpec.class);
        for (ServiceSpec spec : ServiceSpec.values()) {
            ports.put(spec, 8080);
        }
        return ports;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> missing = new HashSet<>(a);
        missing.removeAll(b);
        return missing;
    }
}
