package org.intersession.e2e;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clinic registers a webhook through the gateway and receives its assignment events, signed, from the packaged
 * notification-service in its production profile. The receiver listens on 127.0.0.2, which the failsafe
 * configuration allowlists (with plain http) for the end-to-end platform only.
 */
class WebhookIT {

    private record Delivery(String id, String timestamp, String signature, String body) {
    }

    private static RunningStack platform;
    private static HttpServer receiver;
    private static final List<Delivery> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        platform = RunningStack.get();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 10);
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                RECEIVED.add(new Delivery(exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    @Test
    void aClinicReceivesItsAssignmentEventsSignedThroughTheGateway() throws Exception {
        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person therapist = clinic.therapist();
        ClinicApi.Person client = clinic.client("Europe/Berlin");
        clinic.link(client, therapist);

        String url = "http://127.0.0.2:" + receiver.getAddress().getPort() + "/intersession";
        var created = clinic.as(clinic.admin()).contentType(ContentType.JSON)
                .body(Map.of("url", url, "eventTypes", List.of("org.intersession.assignment.created.v1"), "description", "EHR"))
                .when().post("/api/v1/webhook-endpoints").then().statusCode(201).extract();
        String endpointId = created.path("id");
        String secret = created.path("secret");
        clinic.as(therapist).when().get("/api/v1/webhook-endpoints").then().statusCode(403);
        clinic.as(clinic.admin()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://169.254.169.254/latest/meta-data/", "eventTypes", List.of("org.intersession.assignment.created.v1")))
                .when().post("/api/v1/webhook-endpoints").then().statusCode(400).body("errors[0].field", equalTo("url"));

        LocalDate start = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1);
        String assignmentId = clinic.assignDailyThoughtRecord(therapist, client, start);

        await().atMost(Duration.ofSeconds(60)).until(() -> !RECEIVED.isEmpty());
        Delivery delivery = RECEIVED.get(0);
        assertTrue(delivery.body().contains("\"type\":\"org.intersession.assignment.created.v1\""), delivery.body());
        assertTrue(delivery.body().contains(assignmentId), delivery.body());
        // Standard Webhooks 1.0, checked here from the specification
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                hmac.doFinal((delivery.id() + "." + delivery.timestamp() + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, delivery.signature());
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(delivery.timestamp())) < 300);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> clinic.as(clinic.admin())
                .when().get("/api/v1/webhook-endpoints/{id}/deliveries", endpointId)
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(delivery.id()))
                .body("items[0].status", equalTo("SUCCEEDED")));
    }
}
