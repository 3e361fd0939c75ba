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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs in CI, so docker-compose.yml is kept correct by construction and checked here against
 * what the applications read: service names, environment variables, ports, databases and images.
 */
class DockerComposeConsistencyTest {

    private static final Path HOME = Path.of(System.getProperty("intersession.home", "..")).toAbsolutePath().normalize();
    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        try (Reader reader = Files.newBufferedReader(HOME.resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Object>) compose.get("services");
        }
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
    void urlsPortsAndDatabasesPointWhereTheServicesListen() throws IOException {
        String initScript = Files.readString(HOME.resolve("deploy/postgres/init-databases.sql"), StandardCharsets.UTF_8);
        for (ServiceSpec spec : ServiceSpec.values()) {
            Map<String, String> env = environment(spec.module());
            assertEquals("8080", env.get("QUARKUS_HTTP_PORT"), spec.module());
            assertEquals("jdbc:postgresql://postgres:5432/" + spec.database(), env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            assertTrue(initScript.contains("create database " + spec.database() + ";"), "init script creates " + spec.database());
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
        assertEquals("postgres:17", ((Map<String, Object>) services.get("postgres")).get("image"));
        assertTrue(((String) ((Map<String, Object>) services.get("kafka")).get("image")).startsWith("apache/kafka:4."));
    }

    /**
     * The environment variables that map to a property the service configures (SmallRye Config: upper case,
     * every character outside [A-Z0-9] becomes '_'), from its application.properties and the shared defaults.
     */
    private static Set<String> knownSettings(ServiceSpec spec) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(HOME.resolve(spec.module()).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        try (Reader reader = Files.newBufferedReader(HOME.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"))) {
            properties.load(reader);
        }
        return properties.stringPropertyNames().stream()
                .filter(name -> !name.startsWith("%"))
                .map(name -> name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"))
                .collect(Collectors.toSet());
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
