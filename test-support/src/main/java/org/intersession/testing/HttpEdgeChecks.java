package org.intersession.testing;

import io.restassured.RestAssured;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests that break the HTTP limits of a service, each of which must be answered as a problem (RFC 9457) with the
 * right status, not by the framework's bare status line. Sent with the JDK's client, which sends exactly what it is
 * told: no Content-Type unless given, a chunked body for a stream of unknown length.
 */
public final class HttpEdgeChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Just over the 1 MiB request body limit every service shares. */
    private static final int OVER_BODY_LIMIT = 1_048_576 + 1_000;

    private HttpEdgeChecks() {
    }

    /**
     * @param bodyPath a path of the running service that takes a JSON body with POST
     * @param token    a bearer token the service accepts
     */
    public static void everyLimitIsAnsweredAsAProblem(String bodyPath, String token) {
        String base = "http://localhost:" + RestAssured.port;
        byte[] oversized = ("{\"note\":\"" + "x".repeat(OVER_BODY_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        List<String> failures = new ArrayList<>();
        expect(failures, 414, "a long URI", send(base + bodyPath + "?filler=" + "a".repeat(5_000), r -> r.GET()));
        expect(failures, 431, "large headers", send(base + bodyPath, r -> r.header("X-Filler", "a".repeat(30_000)).GET()));
        // only the head is sent: the length it declares is enough to refuse the body
        expect(failures, 413, "a declared body over the limit", raw("POST " + bodyPath + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: " + oversized.length
                + "\r\n\r\n"));
        expect(failures, 413, "a chunked body over the limit", send(base + bodyPath, r -> r.header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)))));
        expect(failures, 415, "a body without Content-Type", send(base + bodyPath, r -> r.header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))));
        expect(failures, 415, "a JSON body sent as text/plain", send(base + bodyPath, r -> r.header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        // a chunked body within the limit is read like one of declared length
        Answer declared = send(base + bodyPath, r -> r.header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        Answer chunked = send(base + bodyPath, r -> r.header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)))));
        if (chunked.status() != declared.status() || !chunked.body().equals(declared.body())) {
            failures.add("a small chunked body: answered " + chunked.status() + " " + chunked.body() + ", but with its length declared "
                    + declared.status() + " " + declared.body());
        }
        assertTrue(failures.isEmpty(), "answers that are not the expected problem:\n" + String.join("\n", failures));
    }

    private static void expect(List<String> failures, int status, String what, Answer answer) {
        if (answer.status() != status || !answer.contentType().startsWith("application/problem+json")
                || !answer.body().contains("\"status\":" + status)) {
            failures.add(what + ": expected a " + status + " problem, got " + answer.status() + " " + answer.contentType() + " "
                    + answer.body().substring(0, Math.min(200, answer.body().length())));
        }
    }

    /** For what the JDK's client will not send: a head without its body. */
    private static Answer raw(String request) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            String type = header(head.toString(), "Content-Type:");
            String length = header(head.toString(), "Content-Length:");
            byte[] body = length.isEmpty() ? new byte[0] : in.readNBytes(Integer.parseInt(length));
            return new Answer(status, type, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(String head, String name) {
        return head.lines().filter(line -> line.regionMatches(true, 0, name, 0, name.length()))
                .map(line -> line.substring(name.length()).trim()).findFirst().orElse("");
    }

    private static Answer send(String uri, UnaryOperator<HttpRequest.Builder> request) {
        try {
            HttpResponse<String> response = HTTP.send(request.apply(HttpRequest.newBuilder(URI.create(uri))
                    .timeout(Duration.ofSeconds(30))).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the checks look at in an answer. */
    private record Answer(int status, String contentType, String body) {
    }
}
