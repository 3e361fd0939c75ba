package org.intersession.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** JSON over HTTP to the gateway, as any clinic app would call it. */
final class GatewayClient {

    record Reply(int status, JsonNode body) {
    }

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayClient(String gateway) {
        this.gateway = gateway;
    }

    Reply call(String method, String path, String token, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The call must answer {@code expected}; anything else stops the seeding with the problem the API returned. */
    JsonNode expect(int expected, String method, String path, String token, Object body) throws IOException {
        Reply reply = call(method, path, token, body);
        if (reply.status() != expected) {
            throw new IOException(method + " " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    /**
     * Repeats the call until it answers {@code expected}, for what waits on an event to cross Kafka (a care team
     * reaching assignment-service, an assignment reaching progress-service).
     */
    JsonNode eventually(int expected, String method, String path, String token, Object body, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        Predicate<Reply> done = r -> r.status() == expected;
        while (true) {
            Reply reply = call(method, path, token, body);
            if (done.test(reply)) {
                return reply.body();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(method + " " + path + " still answered " + reply.status() + " after " + within.toSeconds() + " s: " + reply.body());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
