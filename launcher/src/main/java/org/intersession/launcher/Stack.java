package org.intersession.launcher;

import org.intersession.infra.KafkaBroker;
import org.intersession.infra.MailServer;
import org.intersession.infra.PostgresServer;
import org.intersession.infra.Ports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The whole platform on one machine: a real PostgreSQL with one database per service, a real Kafka broker,
 * and the four services started from their packaged quarkus-app jars as separate OS processes.
 * Used by {@code ./intersession up} and by the end-to-end tests, so that both start the same thing.
 */
public final class Stack implements AutoCloseable {

    /**
     * Where to run and on which ports; a port of 0 means any free one. The ports are those of each service's first
     * instance; further instances ({@code instances} of every service, for scale-out runs) take free ports. A durable
     * database commits as production does (fsync and synchronous commit on); the tests' throw-away stacks skip both.
     */
    public record Settings(Path home, Path dataDirectory, int gatewayPort, int postgresPort, int kafkaPort,
                           Map<ServiceSpec, Integer> servicePorts, String operatorPassword, int instances,
                           JvmProfile jvm, boolean durableDatabase) {

        public Settings {
            if (instances < 1) {
                throw new IllegalArgumentException("instances must be at least 1, was " + instances);
            }
        }

        public static Settings ephemeral(Path home, Path dataDirectory, String operatorPassword) {
            Map<ServiceSpec, Integer> ports = new EnumMap<>(ServiceSpec.class);
            for (ServiceSpec spec : ServiceSpec.values()) {
                ports.put(spec, 0);
            }
            return new Settings(home, dataDirectory, 0, 0, 0, ports, operatorPassword, 1, JvmProfile.STANDARD, false);
        }

        /** The same settings with {@code count} instances of every service, the gateway included. */
        public Settings withInstances(int count) {
            return new Settings(home, dataDirectory, gatewayPort, postgresPort, kafkaPort, servicePorts, operatorPassword, count, jvm,
                    durableDatabase);
        }

        /** The same settings with the services' JVMs run as {@code profile} says. */
        public Settings withJvm(JvmProfile profile) {
            return new Settings(home, dataDirectory, gatewayPort, postgresPort, kafkaPort, servicePorts, operatorPassword, instances, profile,
                    durableDatabase);
        }

        /** The same settings with a durable database, or not. */
        public Settings withDurableDatabase(boolean durable) {
            return new Settings(home, dataDirectory, gatewayPort, postgresPort, kafkaPort, servicePorts, operatorPassword, instances, jvm,
                    durable);
        }
    }

    public static final String OPERATOR_EMAIL = "operator@intersession.local";
    /** The services behind the gateway listen on loopback only: nothing but the gateway (and its host) reaches them. */
    private static final String LOOPBACK = "127.0.0.1";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Settings settings;
    private final BiConsumer<String, String> log;
    private final Map<ServiceSpec, List<Integer>> ports = new EnumMap<>(ServiceSpec.class);
    /** One slot per instance; null while an instance is stopped. */
    private final Map<ServiceSpec, List<Process>> processes = new EnumMap<>(ServiceSpec.class);
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private MailServer mail;

    private Stack(Settings settings, BiConsumer<String, String> log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * Starts everything and returns once every service reports ready.
     *
     * @param log receives (part, line) for every line a part prints
     */
    public static Stack start(Settings settings, BiConsumer<String, String> log) throws IOException {
        Stack stack = new Stack(settings, log);
        try {
            stack.startAll();
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String gatewayUrl() {
        return url(ServiceSpec.GATEWAY);
    }

    /** The first instance of a service. */
    public String url(ServiceSpec service) {
        return url(service, 0);
    }

    public String url(ServiceSpec service, int instance) {
        return "http://localhost:" + ports.get(service).get(instance);
    }

    /** Every instance of a service, first to last. */
    public List<String> urls(ServiceSpec service) {
        return ports.get(service).stream().map(port -> "http://localhost:" + port).toList();
    }

    public int instances() {
        return settings.instances();
    }

    public Path gatewayKeyDirectory() {
        return settings.dataDirectory().resolve("gateway-keys").toAbsolutePath();
    }

    /** The key notification-service encrypts webhook secrets with: 32 random bytes, made on the first run and kept. */
    private String webhookEncryptionKey() throws IOException {
        return LocalSecrets.readOrCreate(settings.dataDirectory().resolve("webhook-encryption-key"), 32, Base64.getEncoder());
    }

    /** The key the gateway seals invitation codes and addresses on topics with, for notification-service: kept likewise. */
    private String eventsEncryptionKey() throws IOException {
        return LocalSecrets.readOrCreate(settings.dataDirectory().resolve("events-encryption-key"), 32, Base64.getEncoder());
    }

    /** The OS process of one instance of a service, while it runs. */
    public Optional<ProcessHandle> process(ServiceSpec spec, int instance) {
        return Optional.ofNullable(processes.get(spec).get(instance)).map(Process::toHandle);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public MailServer mail() {
        return mail;
    }

    private void startAll() throws IOException {
        Files.createDirectories(settings.dataDirectory());
        for (ServiceSpec spec : ServiceSpec.values()) {
            Path jar = jar(spec);
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing: build with 'mvn -B package -DskipTests' first");
            }
        }
        log.accept("postgres", "starting PostgreSQL");
        postgres = PostgresServer.start(settings.dataDirectory().resolve("postgres"), settings.postgresPort(), settings.durableDatabase());
        for (ServiceSpec spec : ServiceSpec.values()) {
            try {
                postgres.ensureDatabase(spec.database());
            } catch (SQLException e) {
                throw new IOException("cannot create database " + spec.database(), e);
            }
        }
        mail = MailServer.start(settings.dataDirectory().resolve("mail"), 0);
        log.accept("mail", "SMTP on port " + mail.port() + "; every message is saved in " + mail.mailbox());
        log.accept("kafka", "starting Kafka");
        kafka = KafkaBroker.start(settings.dataDirectory().resolve("kafka"), settings.kafkaPort(),
                line -> log.accept("kafka", line));

        for (ServiceSpec spec : ServiceSpec.values()) {
            int wanted = spec == ServiceSpec.GATEWAY ? settings.gatewayPort() : settings.servicePorts().getOrDefault(spec, 0);
            List<Integer> instancePorts = new ArrayList<>();
            List<Process> slots = new ArrayList<>();
            for (int instance = 0; instance < settings.instances(); instance++) {
                instancePorts.add(instance == 0 && wanted > 0 ? wanted : Ports.free());
                slots.add(null);
            }
            ports.put(spec, instancePorts);
            processes.put(spec, slots);
        }
        // The first gateway makes the signing keys and the operator; the others, and the services, then find them.
        start(ServiceSpec.GATEWAY, 0);
        for (ServiceSpec spec : ServiceSpec.values()) {
            for (int instance = spec == ServiceSpec.GATEWAY ? 1 : 0; instance < settings.instances(); instance++) {
                processes.get(spec).set(instance, launch(spec, instance));
            }
        }
        for (ServiceSpec spec : ServiceSpec.values()) {
            for (int instance = spec == ServiceSpec.GATEWAY ? 1 : 0; instance < settings.instances(); instance++) {
                awaitReady(spec, instance);
                log.accept(partName(spec, instance), "ready on " + url(spec, instance));
            }
        }
    }

    /** Starts one instance and waits until it is ready, for the first start and for restarts after a fault. */
    public void start(ServiceSpec spec, int instance) throws IOException {
        if (processes.get(spec).get(instance) != null) {
            throw new IllegalStateException(partName(spec, instance) + " is already running");
        }
        processes.get(spec).set(instance, launch(spec, instance));
        awaitReady(spec, instance);
        log.accept(partName(spec, instance), "ready on " + url(spec, instance));
    }

    /** The name a part's log lines carry: the module, with the instance number when there are several. */
    private String partName(ServiceSpec spec, int instance) {
        return settings.instances() == 1 ? spec.module() : spec.module() + "-" + (instance + 1);
    }

    private ServiceEnvironment.Endpoints endpoints(int instance) throws IOException {
        Map<ServiceSpec, String> urls = new EnumMap<>(ServiceSpec.class);
        Map<ServiceSpec, Integer> instancePorts = new EnumMap<>(ServiceSpec.class);
        for (ServiceSpec spec : ServiceSpec.values()) {
            // the gateway forwards to every instance; a service's own port is that of this instance
            urls.put(spec, String.join(",", urls(spec)));
            instancePorts.put(spec, ports.get(spec).get(instance));
        }
        // every service fetches the signing keys from the first gateway
        urls.put(ServiceSpec.GATEWAY, url(ServiceSpec.GATEWAY));
        String jdbcPrefix = postgres.jdbcUrl("");
        return new ServiceEnvironment.Endpoints(jdbcPrefix, PostgresServer.USER, "", kafka.bootstrapServers(), urls,
                instancePorts, gatewayKeyDirectory(), OPERATOR_EMAIL, settings.operatorPassword(), "localhost", mail.port(),
                webhookEncryptionKey(), eventsEncryptionKey(), LOOPBACK);
    }

    private Process launch(ServiceSpec spec, int instance) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.jvm().options(jar(spec)));
        command.add("-jar");
        command.add(jar(spec).getFileName().toString());
        // from the jar's own folder, as in the container image: a class-data archive only matches the class path it
        // was made with, and Quarkus makes it with the relative "quarkus-run.jar"
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar(spec).getParent().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(ServiceEnvironment.of(spec, endpoints(instance)));
        // glibc gives each busy thread a malloc arena of its own; two bound the native memory of a JVM with many threads
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        Process process = builder.start();
        String part = partName(spec, instance);
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    log.accept(part, line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, part + "-log");
        pump.setDaemon(true);
        pump.start();
        return process;
    }

    private void awaitReady(ServiceSpec spec, int instance) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(url(spec, instance) + "/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Process process = processes.get(spec).get(instance);
            if (!process.isAlive()) {
                throw new IOException(partName(spec, instance) + " exited with code " + process.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + partName(spec, instance), e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IOException(partName(spec, instance) + " was not ready within " + READY_TIMEOUT.toSeconds() + " s");
    }

    /** Stops every instance of one service as an orchestrator would (SIGTERM, then kill). */
    public void stop(ServiceSpec spec) {
        List<Process> slots = processes.get(spec);
        for (int instance = 0; slots != null && instance < slots.size(); instance++) {
            stop(spec, instance);
        }
    }

    /** Stops one instance (SIGTERM, then kill), for restarts and fault tests; {@link #start} brings it back. */
    public void stop(ServiceSpec spec, int instance) {
        List<Process> slots = processes.get(spec);
        Process process = slots == null ? null : slots.set(instance, null);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * Kills one instance at once (SIGKILL: no shutdown hooks, no offset commits, nothing flushed), as a crashed host
     * would leave it. For fault tests; {@link #start} brings it back.
     */
    public void kill(ServiceSpec spec, int instance) {
        Process process = processes.get(spec).set(instance, null);
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the services together (each shuts down gracefully on SIGTERM), then Kafka, then PostgreSQL. */
    @Override
    public void close() {
        processes.values().forEach(slots -> slots.stream().filter(p -> p != null).forEach(Process::destroy));
        for (ServiceSpec spec : ServiceSpec.values()) {
            stop(spec);
        }
        if (kafka != null) {
            kafka.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Path jar(ServiceSpec spec) {
        return settings.home().resolve(spec.module()).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
