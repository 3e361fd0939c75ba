package org.intersession.e2e;

import org.intersession.launcher.JvmProfile;
import org.intersession.launcher.ServiceSpec;
import org.intersession.launcher.Stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The platform the fault suite breaks on purpose: its own {@link Stack} (never {@link RunningStack}'s), with
 * {@value #INSTANCES} instances of every service, so that every fault also runs scaled out. Started once for all
 * {@code *FaultIT} classes in this JVM; each part's output goes to target/fault-logs. Every scenario leaves the
 * platform running again when it ends, whatever it broke.
 */
final class FaultStack {

    static final int INSTANCES = 2;
    static final String OPERATOR_PASSWORD = "faults-" + UUID.randomUUID();

    private static FaultStack instance;

    private final Stack stack;
    private final Map<String, PrintWriter> logs;
    private final Path logDirectory;

    private FaultStack(Stack stack, Map<String, PrintWriter> logs, Path logDirectory) {
        this.stack = stack;
        this.logs = logs;
        this.logDirectory = logDirectory;
    }

    static synchronized FaultStack get() {
        if (instance == null) {
            try {
                Path home = Path.of(System.getProperty("intersession.home", "..")).toAbsolutePath().normalize();
                Path logDir = home.resolve("e2e-tests/target/fault-logs");
                Files.createDirectories(logDir);
                Map<String, PrintWriter> logs = new ConcurrentHashMap<>();
                Path data = Files.createTempDirectory("intersession-faults-");
                long started = System.nanoTime();
                Stack stack = Stack.start(Stack.Settings.ephemeral(home, data, OPERATOR_PASSWORD).withJvm(JvmProfile.QUICK_START).withInstances(INSTANCES),
                        (part, line) -> logs.computeIfAbsent(part, p -> RunningStack.writer(logDir.resolve(p + ".log"))).println(line));
                System.out.printf("fault suite: %d instances of every service ready in %d s%n", INSTANCES,
                        (System.nanoTime() - started) / 1_000_000_000L);
                instance = new FaultStack(stack, logs, logDir);
                Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "stop-fault-stack"));
            } catch (IOException e) {
                throw new UncheckedIOException("the fault suite's platform did not start; see e2e-tests/target/fault-logs", e);
            }
        }
        return instance;
    }

    Stack stack() {
        return stack;
    }

    String gatewayUrl() {
        return stack.gatewayUrl();
    }

    ClinicApi newClinic() {
        return ClinicApi.newClinic(stack.gatewayUrl(), OPERATOR_PASSWORD);
    }

    String kafkaBootstrapServers() {
        return stack.kafka().bootstrapServers();
    }

    /** Every line the instances of {@code service} have logged so far (target/fault-logs/&lt;module&gt;*.log). */
    List<String> logLines(ServiceSpec service) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(logDirectory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(service.module())).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /** Kills every instance of a service at once (SIGKILL) and starts them again, waiting until each is ready. */
    void crashAndRestart(ServiceSpec service) throws IOException {
        for (int i = 0; i < stack.instances(); i++) {
            stack.kill(service, i);
        }
        for (int i = 0; i < stack.instances(); i++) {
            stack.start(service, i);
        }
    }

    /**
     * Prints one line of figures for a scenario, the line docs/reliability.md quotes, e.g.
     * {@code FAULT-SUMMARY scenario=kafka-outage requests=500 faults=1 lost=0 duplicates=0}; also kept in
     * target/fault-logs/summary.log.
     */
    static void report(String scenario, Object... namesAndValues) {
        StringBuilder line = new StringBuilder("FAULT-SUMMARY scenario=").append(scenario);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            line.append(' ').append(namesAndValues[i]).append('=').append(namesAndValues[i + 1]);
        }
        System.out.println(line);
        if (instance != null) {
            instance.logs.computeIfAbsent("summary", p -> RunningStack.writer(instance.logDirectory.resolve("summary.log"))).println(line);
        }
    }

    synchronized void close() {
        stack.close();
        logs.values().forEach(PrintWriter::close);
    }
}
