package org.intersession.launcher;

import java.io.IOException;
import java.util.Base64;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./intersession up}: the platform on this machine with nothing installed but a JDK and Maven.
 * Data stays in {@code .intersession/} between runs; Ctrl-C stops every part cleanly.
 */
public final class Launcher {

    private static final PrintStream OUT = System.out;

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        if (!command.equals("up")) {
            OUT.println("usage: ./intersession up");
            System.exit(2);
        }
        up();
    }

    private static void up() throws IOException, InterruptedException {
        Path home = Path.of("").toAbsolutePath();
        Map<ServiceSpec, Integer> servicePorts = new EnumMap<>(ServiceSpec.class);
        servicePorts.put(ServiceSpec.ASSIGNMENT, port("INTERSESSION_ASSIGNMENT_PORT", 8081));
        servicePorts.put(ServiceSpec.PROGRESS, port("INTERSESSION_PROGRESS_PORT", 8082));
        servicePorts.put(ServiceSpec.NOTIFICATION, port("INTERSESSION_NOTIFICATION_PORT", 8083));
        Path data = home.resolve(".intersession");
        String operatorPassword = operatorPassword(data);
        Stack.Settings settings = new Stack.Settings(home, data,
                port("INTERSESSION_GATEWAY_PORT", 8080), port("INTERSESSION_POSTGRES_PORT", 15432),
                port("INTERSESSION_KAFKA_PORT", 19092), servicePorts, operatorPassword);

        long started = System.nanoTime();
        Stack stack = Stack.start(settings, Launcher::print);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("Stopping Intersession ...");
            stack.close();
            stopped.countDown();
        }, "stop-intersession"));

        OUT.printf("%nIntersession is up (ready in %.1f s).%n", took.toMillis() / 1000.0);
        OUT.println("  Gateway:   " + stack.gatewayUrl());
        OUT.println("  Health:    " + stack.gatewayUrl() + "/q/health/ready");
        OUT.println("  API:       " + stack.gatewayUrl() + "/openapi (Swagger UI: " + stack.gatewayUrl() + "/q/swagger-ui)");
        OUT.println("  JWKS:      " + stack.gatewayUrl() + "/.well-known/jwks.json");
        OUT.println("  Data:      " + settings.dataDirectory() + " (kept between runs)");
        OUT.println("  Email:     " + stack.mail().mailbox() + " (every message the platform sends, as .eml files)");
        OUT.println();
        OUT.println("First token, as the platform operator (who creates clinics and their first admin):");
        OUT.println("  curl -s -X POST " + stack.gatewayUrl() + "/api/v1/auth/login -H 'Content-Type: application/json' \\");
        OUT.println("       -d '{\"email\":\"" + Stack.OPERATOR_EMAIL + "\",\"password\":\"" + operatorPassword + "\"}'");
        OUT.println("  (the password is kept in " + data.resolve(OPERATOR_PASSWORD_FILE) + ")");
        OUT.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static final String OPERATOR_PASSWORD_FILE = "operator-password";

    /** Made on the first run and kept, owner-readable only, with the rest of the local data. */
    private static String operatorPassword(Path data) throws IOException {
        return LocalSecrets.readOrCreate(data.resolve(OPERATOR_PASSWORD_FILE), 18, Base64.getUrlEncoder().withoutPadding());
    }

    private static synchronized void print(String part, String line) {
        OUT.printf("%-21s %s%n", "[" + part + "]", line);
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
