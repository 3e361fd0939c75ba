package org.intersession.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The public API as a client app calls it, plus the raw request helpers the load phases use. */
final class Api {

    static final String PASSWORD = "a long enough benchmark passphrase";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, r -> {
                Thread thread = new Thread(r, "http-client");
                thread.setDaemon(true);
                return thread;
            }))
            .build();

    record Clinic(String adminEmail, String adminToken) {
    }

    Clinic newClinic(String gateway, String operatorEmail, String operatorPassword) throws IOException {
        String operator = login(gateway, operatorEmail, operatorPassword);
        String email = "admin@bench.intersession.test";
        JsonNode created = send("POST", gateway + "/api/v1/clinics", operator,
                Map.of("name", "Benchmark Practice", "admin", Map.of("email", email, "displayName", "Bench Admin")), 201);
        JsonNode accepted = send("POST", gateway + "/api/v1/auth/accept-invitation", null,
                Map.of("token", created.path("admin").path("invitationToken").asText(), "password", PASSWORD), 200);
        return new Clinic(email, accepted.path("access_token").asText());
    }

    String login(String gateway, String email, String password) throws IOException {
        return send("POST", gateway + "/api/v1/auth/login", null, Map.of("email", email, "password", password), 200)
                .path("access_token").asText();
    }

    JsonNode get(String url, String token) throws IOException {
        return send("GET", url, token, null, 200);
    }

    private JsonNode send(String method, String url, String token, Object body, int expected) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IOException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A GET for the load phases: succeeds on 200. */
    LoadDriver.Operation getOperation(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
        return () -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(r -> r.statusCode() == 200);
    }

    /** A POST of a JSON body for the load phases: succeeds on 201. Completes with the time the answer came back. */
    CompletableFuture<HttpResponse<Void>> post(String url, String token, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }
}
