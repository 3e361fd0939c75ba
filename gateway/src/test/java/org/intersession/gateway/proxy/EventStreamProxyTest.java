package org.intersession.gateway.proxy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.intersession.gateway.auth.TokenIssuer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** An event stream (the notification service's live inbox) is relayed event by event, not when the upstream ends. */
@QuarkusTest
class EventStreamProxyTest {

    @TestHTTPResource("/api/v1/progress-entries" + EchoUpstreams.LIVE_STREAM)
    URI stream;

    @Inject
    TokenIssuer issuer;

    @Test
    void anEventReachesTheClientBeforeTheUpstreamResponseEnds() throws Exception {
        String token = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "CLIENT");
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(null));

        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // the upstream is still holding its response open: only the first event can have been sent
            assertEquals("id: 1", readLine(lines));
            assertEquals("event: notification", readLine(lines));
            assertEquals("data: {\"n\":1}", readLine(lines));

            given().auth().oauth2(token).when().get("/api/v1/progress-entries" + EchoUpstreams.LIVE_STREAM_END)
                    .then().statusCode(204);
            assertEquals("", readLine(lines));
            assertEquals("id: 2", readLine(lines));
            assertEquals("event: notification", readLine(lines));
            assertEquals("data: {\"n\":2}", readLine(lines));
            assertEquals("", readLine(lines));
            assertNull(readLine(lines), "the stream ends when the upstream's does");
        }
    }

    /** One line, bounded in time so a buffering proxy fails the test instead of hanging it. */
    private static String readLine(BufferedReader lines) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }
}
