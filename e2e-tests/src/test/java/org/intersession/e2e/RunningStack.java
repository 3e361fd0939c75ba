package org.intersession.e2e;

import io.smallrye.jwt.build.Jwt;
import org.intersession.launcher.Stack;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The real platform, started once for all end-to-end tests in this JVM with the same {@link Stack} as
 * {@code ./intersession up}. Each part's output goes to target/e2e-logs. Tokens are signed with the key the
 * gateway generated for this run, exactly as the gateway's own token endpoint will sign them.
 */
final class RunningStack {

    static final String ISSUER = "https://intersession.local";
    static final String AUDIENCE = "intersession-api";

    private static RunningStack instance;

    private final Stack stack;
    private final Map<String, PrintWriter> logs;

    private RunningStack(Stack stack, Map<String, PrintWriter> logs) {
        this.stack = stack;
        this.logs = logs;
    }

    static synchronized RunningStack get() {
        if (instance == null) {
            try {
                Path home = Path.of(System.getProperty("intersession.home", "..")).toAbsolutePath().normalize();
                Path logDir = home.resolve("e2e-tests/target/e2e-logs");
                Files.createDirectories(logDir);
                Map<String, PrintWriter> logs = new java.util.concurrent.ConcurrentHashMap<>();
                Path data = Files.createTempDirectory("intersession-e2e-");
                Stack stack = Stack.start(Stack.Settings.ephemeral(home, data), (part, line) ->
                        logs.computeIfAbsent(part, p -> writer(logDir.resolve(p + ".log"))).println(line));
                instance = new RunningStack(stack, logs);
                Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "stop-e2e-stack"));
            } catch (IOException e) {
                throw new UncheckedIOException("the platform did not start; see e2e-tests/target/e2e-logs", e);
            }
        }
        return instance;
    }

    String gatewayUrl() {
        return stack.gatewayUrl();
    }

    Stack stack() {
        return stack;
    }

    String token(UUID clinic, UUID user, String role) {
        try {
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(Files.readString(
                    stack.gatewayKeyDirectory().resolve("signing-key.jwk.json"), StandardCharsets.UTF_8));
            return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(user.toString())
                    .claim("clinic", clinic.toString())
                    .groups(Set.of(role))
                    .issuedAt(Instant.now()).expiresIn(900)
                    .jws().keyId(key.getKeyId()).sign(key.getPrivateKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void close() {
        stack.close();
        logs.values().forEach(PrintWriter::close);
    }

    private static PrintWriter writer(Path file) {
        try {
            return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
