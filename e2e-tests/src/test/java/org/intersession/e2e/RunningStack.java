package org.intersession.e2e;

import org.intersession.launcher.JvmProfile;
import org.intersession.launcher.Stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The real platform, started once for all end-to-end tests in this JVM with the same {@link Stack} as
 * {@code ./intersession up}. Each part's output goes to target/e2e-logs. Every identity and token is made through
 * the public API, starting from the bootstrap operator.
 */
final class RunningStack {

    /** Made up for this run only, like everything else in its temporary data directory. */
    static final String OPERATOR_PASSWORD = "e2e-" + UUID.randomUUID();

    private static RunningStack instance;

    private final Stack stack;
    private final Map<String, PrintWriter> logs;

    private RunningStack(Stack stack, Map<String, PrintWriter> logs) {
        this.stack = stack;
        this.logs = logs;
    }

    static synchronized RunningStack get() {
        if (instance == null) {
            instance = start(1, "");
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "stop-e2e-stack"));
        }
        return instance;
    }

    /** A stack of its own with {@code instances} of every service (logs in target/e2e-logs/instances-N); the caller closes it. */
    static RunningStack withInstances(int instances) {
        return start(instances, "instances-" + instances);
    }

    private static RunningStack start(int instances, String logSubdirectory) {
        try {
            Path home = Path.of(System.getProperty("intersession.home", "..")).toAbsolutePath().normalize();
            Path logDir = home.resolve("e2e-tests/target/e2e-logs").resolve(logSubdirectory);
            Files.createDirectories(logDir);
            Map<String, PrintWriter> logs = new java.util.concurrent.ConcurrentHashMap<>();
            Path data = Files.createTempDirectory("intersession-e2e-");
            Stack stack = Stack.start(Stack.Settings.ephemeral(home, data, OPERATOR_PASSWORD).withJvm(JvmProfile.QUICK_START).withInstances(instances), (part, line) ->
                    logs.computeIfAbsent(part, p -> writer(logDir.resolve(p + ".log"))).println(line));
            return new RunningStack(stack, logs);
        } catch (IOException e) {
            throw new UncheckedIOException("the platform did not start; see e2e-tests/target/e2e-logs", e);
        }
    }

    String gatewayUrl() {
        return stack.gatewayUrl();
    }

    Stack stack() {
        return stack;
    }

    synchronized void close() {
        stack.close();
        logs.values().forEach(PrintWriter::close);
    }

    static PrintWriter writer(Path file) {
        try {
            return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
