package org.intersession.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), run in a child JVM from the
 * kafka_2.13 jars. The child exits when this JVM goes away, even if it is killed, because it watches its stdin.
 * Stop and start again keep the same ports and data, which is what fault tests need.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String STARTED = "Kafka Server started";

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final Consumer<String> log;
    private Process process;

    private KafkaBroker(Path dataDirectory, int port, int controllerPort, Consumer<String> log) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.log = log;
    }

    /**
     * @param dataDirectory kept between runs; an already formatted log directory is reused
     * @param port          the client port, 0 for a free one
     * @param log           receives every line the broker prints
     */
    public static KafkaBroker start(Path dataDirectory, int port, Consumer<String> log) throws IOException {
        KafkaBroker broker = new KafkaBroker(dataDirectory, port > 0 ? port : Ports.free(), Ports.free(), log);
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** The broker's JVM while it runs. */
    public synchronized Optional<ProcessHandle> process() {
        return isRunning() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        Files.createDirectories(dataDirectory);
        Path properties = writeServerProperties();
        Path logConfig = writeLogConfig();
        if (!Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
            format(properties, logConfig);
        }
        process = java(logConfig, BrokerMain.class.getName(), properties.toString()).start();
        CountDownLatch started = new CountDownLatch(1);
        pump(process.getInputStream(), line -> {
            if (line.contains(STARTED)) {
                started.countDown();
            }
        });
        try {
            if (!started.await(120, TimeUnit.SECONDS)) {
                stop();
                throw new IOException("Kafka broker did not start within 120 s; see its log in " + dataDirectory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Kafka", e);
        }
    }

    /** Stops the broker as an operator would (SIGTERM, controlled shutdown), keeping its data. */
    public synchronized void stop() {
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
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void format(Path properties, Path logConfig) throws IOException {
        // "--cluster-id=<id>": a random id may begin with '-', which the tool would take for an option
        Process format = java(logConfig, "kafka.tools.StorageTool", "format", "--standalone",
                "--cluster-id=" + clusterId(), "--config=" + properties).start();
        StringBuilder output = new StringBuilder();
        pump(format.getInputStream(), line -> output.append(line).append('\n'));
        try {
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IOException("formatting Kafka storage failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting Kafka storage", e);
        }
    }

    /** A Kafka cluster id is 16 random bytes in URL-safe base64 without padding. */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private ProcessBuilder java(Path logConfig, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dlog4j2.configurationFile=" + logConfig);
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private void pump(InputStream output, Consumer<String> watcher) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    watcher.accept(line);
                    log.accept(line);
                }
            } catch (IOException ignored) {
                // the broker went away; its exit is handled by whoever stopped it
            }
        }, "kafka-broker-log");
        pump.setDaemon(true);
        pump.start();
    }

    private Path writeServerProperties() throws IOException {
        Path file = dataDirectory.resolve("server.properties");
        String controller = "localhost:" + controllerPort;
        Files.writeString(file, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://" + controller,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDirectory.resolve("logs"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    private Path writeLogConfig() throws IOException {
        Path file = dataDirectory.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "status=warn",
                "appender.console.type=Console",
                "appender.console.name=STDOUT",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=%d{HH:mm:ss.SSS} %-5p %m (%c{1})%n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.stdout.ref=STDOUT",
                "logger.started.name=kafka.server.KafkaRaftServer",
                "logger.started.level=INFO",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    /** The broker's jars, resolved by the build into a resource next to this class, plus this module. */
    private static String classpath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing: build local-infra with Maven");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            return self + java.io.File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
