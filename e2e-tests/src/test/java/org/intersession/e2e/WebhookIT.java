package org.intersession.e2e;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.http.HttpMessageFactory;
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

    private static final String CREATED = "org.intersession.assignment.created.v1";
    private static final String ACKNOWLEDGED = "org.intersession.assignment.acknowledged.v1";

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

    @Test
    void aCloudEventsReceiverGetsOneAssignmentsEventsInStructuredModeInOrderAndSigned() throws Exception {
        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person therapist = clinic.therapist();
        ClinicApi.Person client = clinic.client("Europe/Berlin");
        clinic.link(client, therapist);

        // the exact types come from the API, each with the schema of its data
        List<String> types = clinic.as(clinic.admin()).queryParam("limit", 100).when().get("/api/v1/webhook-event-types")
                .then().statusCode(200).body("items.find { it.type == 'org.intersession.assignment.acknowledged.v1' }"
                        + ".dataSchema.properties.assignmentId.format", equalTo("uuid"))
                .extract().path("items.type");
        assertTrue(types.containsAll(List.of(CREATED, ACKNOWLEDGED)), types.toString());
        clinic.as(therapist).when().get("/api/v1/webhook-event-types").then().statusCode(403);

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String secret = clinic.as(clinic.admin()).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of(CREATED, ACKNOWLEDGED), "contentMode", "CLOUDEVENTS_STRUCTURED"))
                    .when().post("/api/v1/webhook-endpoints").then().statusCode(201)
                    .body("contentMode", equalTo("CLOUDEVENTS_STRUCTURED")).extract().path("secret");

            String assignmentId = clinic.assignDailyThoughtRecord(therapist, client, LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1));
            clinic.as(client).when().post("/api/v1/assignments/{id}/acknowledge", assignmentId).then().statusCode(200);

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() >= 2);
            List<io.cloudevents.CloudEvent> events = new java.util.ArrayList<>();
            for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
                assertTrue(WebhookReceiver.signedWith(delivery, secret), "Standard Webhooks signature");
                assertEquals("application/cloudevents+json; charset=UTF-8", delivery.contentType());
                events.add(HttpMessageFactory.createReader(Map.of("Content-Type", delivery.contentType()), delivery.body()).toEvent());
            }
            assertEquals(List.of(CREATED, ACKNOWLEDGED), events.stream().map(io.cloudevents.CloudEvent::getType).toList(),
                    "one subject's events arrive in the order they happened");
            assertEquals(List.of("0000000000000000001", "0000000000000000002"),
                    events.stream().map(e -> String.valueOf(e.getExtension("sequence"))).toList());
            assertTrue(events.stream().allMatch(e -> ("assignments/" + assignmentId).equals(e.getSubject())));
            assertEquals(2, receiver.deliveries().size());
        }
    }
}
