package org.intersession.notification.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.SpecVersion;
import io.cloudevents.http.HttpMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.intersession.notification.AllClinics;
import org.intersession.notification.delivery.ClinicAdmin;
import org.intersession.notification.delivery.ClinicAdmins;
import org.intersession.platform.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.event.notification.NotificationOutcome;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.platform.event.progress.ProgressRecorded;
import org.intersession.testing.ConsumerGroupProgress;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class WebhookDeliveryTest {

    private static final String PATH = "/api/v1/webhook-endpoints";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry meters;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();
    private final String admin = TestTokens.clinicAdmin(clinic, UUID.randomUUID());
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void closeReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void aDeliveryIsTheSignedCloudEventAndAnIndependentVerifierAcceptsOnlyTheGenuineOne() throws Exception {
        WebhookReceiver receiver = receiver("127.0.0.2");
        Map<String, String> endpoint = register(receiver, ProgressFlagged.TYPE);
        String eventId = publishFlagged(clinic);

        WebhookReceiver.Received message = awaitOneDelivery(receiver);
        Instant now = Instant.now();
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(endpoint.get("secret"));
        assertTrue(verifier.verify(message, now), "the genuine delivery verifies");
        assertFalse(verifier.verify(message.webhookId(), message.timestamp(), message.signature(),
                message.body().replace("Urge", "Calm"), now), "a tampered body is rejected");
        assertFalse(verifier.verify(message, now.plus(Duration.ofMinutes(6))), "a message older than 5 minutes is rejected");
        assertFalse(new StandardWebhooksVerifier(secretNobodyHas()).verify(message, now), "another secret does not verify it");

        assertEquals("application/json", message.contentType());
        assertTrue(Math.abs(Long.parseLong(message.timestamp()) - now.getEpochSecond()) < 60, "timestamp in Unix seconds");
        JsonNode event = JSON.readTree(message.body());
        assertEquals(eventId, event.get("id").asText());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals(ProgressFlagged.TYPE, event.get("type").asText());
        assertEquals(clinic.toString(), event.get("data").get("clinicId").asText());

        deliveries(endpoint.get("id"))
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(message.webhookId()))
                .body("items[0].eventId", equalTo(eventId))
                .body("items[0].eventType", equalTo(ProgressFlagged.TYPE))
                .body("items[0].status", equalTo("SUCCEEDED"))
                .body("items[0].nextAttemptAt", nullValue())
                .body("items[0].attempts", hasSize(1))
                .body("items[0].attempts[0].responseStatus", equalTo(204))
                .body("items[0].attempts[0].error", nullValue())
                .body("items[0].attempts[0].durationMs", notNullValue());
    }

    @Test
    void inCloudEventsStructuredModeACloudEventsSdkReadsTheDeliveryWhichIsStillSigned() throws Exception {
        WebhookReceiver structured = receiver("127.0.0.2");
        WebhookReceiver plain = receiver("127.0.0.2");
        Map<String, String> endpoint = register(admin, structured, List.of(ProgressFlagged.TYPE), "CLOUDEVENTS_STRUCTURED");
        register(plain, ProgressFlagged.TYPE);
        String eventId = publishFlagged(clinic);

        WebhookReceiver.Received message = awaitOneDelivery(structured);
        assertEquals("application/cloudevents+json; charset=UTF-8", message.contentType());
        assertTrue(new StandardWebhooksVerifier(endpoint.get("secret")).verify(message, Instant.now()), "signed as in JSON mode");
        // CloudEvents HTTP protocol binding 1.0, as the SDK implements it: the media type says structured mode
        io.cloudevents.CloudEvent event = HttpMessageFactory.createReader(Map.of("Content-Type", message.contentType()),
                message.body().getBytes(StandardCharsets.UTF_8)).toEvent();
        assertEquals(SpecVersion.V1, event.getSpecVersion());
        assertEquals(eventId, event.getId());
        assertEquals(ProgressFlagged.TYPE, event.getType());
        assertEquals(URI.create("/intersession/test"), event.getSource());
        assertTrue(event.getSubject().startsWith("progress-entries/"), event.getSubject());
        assertEquals("0000000000000000001", event.getExtension("sequence"), "the first delivery of its subject to this endpoint");
        assertEquals(clinic.toString(), JSON.readTree(event.getData().toBytes()).get("clinicId").asText());
        given().auth().oauth2(admin).when().get(PATH + "/{id}", endpoint.get("id"))
                .then().statusCode(200).body("contentMode", equalTo("CLOUDEVENTS_STRUCTURED"));

        // the same event in JSON mode is plain JSON to the SDK: no structured media type, no ce- headers
        WebhookReceiver.Received json = awaitOneDelivery(plain);
        assertEquals("application/json", json.contentType());
        assertEquals(JSON.readTree(message.body()), JSON.readTree(json.body()));
        assertThrows(RuntimeException.class, () -> HttpMessageFactory.createReader(Map.of("Content-Type", json.contentType()),
                json.body().getBytes(StandardCharsets.UTF_8)).toEvent());
    }

    @Test
    void deliveriesOfOneSubjectAreSentInSequenceEvenWhenTheFirstHasToBeRetried() throws Exception {
        // the recorded event's first attempt fails; everything else is accepted
        WebhookReceiver receiver = receiver("127.0.0.2");
        receiver.answering(exchange -> {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            boolean firstTryOfRecorded = receiver.hitsById().getOrDefault(id, 0) == 1 && receiver.received().stream()
                    .anyMatch(r -> id.equals(r.webhookId()) && r.body().contains(ProgressRecorded.TYPE));
            exchange.sendResponseHeaders(firstTryOfRecorded ? 503 : 204, -1);
            exchange.close();
        });
        register(admin, receiver, List.of(ProgressRecorded.TYPE, ProgressFlagged.TYPE));
        double sentBefore = meteredDeliveries("sent");
        double retriesBefore = meteredDeliveries("retry");
        UUID entry = UUID.randomUUID();
        String recorded = publishRecorded(clinic, entry);
        String flagged = publishFlagged(clinic, entry);
        String otherEntry = publishFlagged(clinic);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertEquals(4, receiver.received().size(), "the failed first one, its retry, and the two others");
        });
        List<String> ids = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        for (WebhookReceiver.Received r : receiver.received()) {
            JsonNode event = JSON.readTree(r.body());
            if (event.get("subject").asText().equals("progress-entries/" + entry)) {
                ids.add(event.get("id").asText());
                sequences.add(event.get("sequence").asText());
            } else {
                assertEquals(otherEntry, event.get("id").asText());
                assertEquals("0000000000000000001", event.get("sequence").asText(), "numbered per subject");
            }
        }
        // the flagged event, though due at once, waited until the recorded one before it had been delivered
        assertEquals(List.of(recorded, recorded, flagged), ids);
        assertEquals(List.of("0000000000000000001", "0000000000000000001", "0000000000000000002"), sequences);
        // every attempt is metered by outcome
        assertTrue(meteredDeliveries("retry") >= retriesBefore + 1, "the failed first attempt counts as a retry");
        assertTrue(meteredDeliveries("sent") >= sentBefore + 3, "the three deliveries received count as sent");
    }

    /** intersession_deliveries_total{channel="webhook", outcome=...} */
    private double meteredDeliveries(String outcome) {
        Counter counter = meters.find("intersession.deliveries").tags("channel", "webhook", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void eventsReachOnlyTheirOwnClinicsEndpointsAndOnlyTheTypesSubscribed() {
        WebhookReceiver ours = receiver("127.0.0.2");
        WebhookReceiver theirs = receiver("127.0.0.2");
        UUID otherClinic = UUID.randomUUID();
        Map<String, String> ourEndpoint = register(ours, ProgressFlagged.TYPE);
        Map<String, String> theirEndpoint = register(TestTokens.clinicAdmin(otherClinic, UUID.randomUUID()), theirs,
                List.of(ProgressFlagged.TYPE, ProgressRecorded.TYPE));

        publishFlagged(otherClinic);
        TestEvents.publish(Topics.PROGRESS, client.toString(), ProgressRecorded.TYPE, "recorded", new ProgressRecorded(
                UUID.randomUUID(), UUID.randomUUID(), clinic, client, therapist, "2026-11-20T20:00", "DONE", false, now()));
        // a later event of our clinic on the same partition proves the earlier ones were consumed
        String ours1 = publishFlagged(clinic);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertEquals(1, ours.received().size());
            assertEquals(1, theirs.received().size());
        });
        assertTrue(ours.received().get(0).body().contains(ours1));
        assertTrue(theirs.received().get(0).body().contains(otherClinic.toString()));
        deliveries(ourEndpoint.get("id")).body("items", hasSize(1)).body("items[0].eventId", equalTo(ours1));
        given().auth().oauth2(TestTokens.clinicAdmin(otherClinic, UUID.randomUUID())).when().get(PATH + "/{id}/deliveries", theirEndpoint.get("id"))
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].eventType", equalTo(ProgressFlagged.TYPE));
    }

    @Test
    void afterARotationBothSecretsSignUntilTheOverlapEnds() {
        WebhookReceiver receiver = receiver("127.0.0.2");
        Map<String, String> endpoint = register(receiver, ProgressFlagged.TYPE);
        ValidatableResponse rotation = given().auth().oauth2(admin).when().post(PATH + "/{id}/secret-rotations", endpoint.get("id"))
                .then().statusCode(201).body("secret", startsWith("whsec_"));
        String rotated = rotation.extract().path("secret");
        OffsetDateTime expires = OffsetDateTime.parse(rotation.extract().path("previousSecretExpiresAt"));
        assertTrue(expires.isAfter(OffsetDateTime.now().plusHours(23)), "the previous secret signs for the configured 24h: " + expires);
        publishFlagged(clinic);

        WebhookReceiver.Received message = awaitOneDelivery(receiver);
        assertEquals(2, message.signature().split(" ").length, message.signature());
        Instant now = Instant.now();
        assertTrue(new StandardWebhooksVerifier(rotated).verify(message, now), "the new secret verifies");
        assertTrue(new StandardWebhooksVerifier(endpoint.get("secret")).verify(message, now), "the previous secret verifies");

        // once the overlap has ended, only the new secret signs
        AllClinics.run(() -> em.createNativeQuery(
                        "update webhook_endpoint set previous_secret_expires_at = now() - interval '1 minute' where id = :id")
                .setParameter("id", UUID.fromString(endpoint.get("id"))).executeUpdate());
        given().auth().oauth2(admin).when()
                .post(PATH + "/{id}/deliveries/{delivery}/replays", endpoint.get("id"), message.webhookId())
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertEquals(2, receiver.received().size());
        });
        WebhookReceiver.Received later = receiver.received().get(1);
        assertEquals(1, later.signature().split(" ").length, later.signature());
        assertTrue(new StandardWebhooksVerifier(rotated).verify(later, Instant.now()));
        assertFalse(new StandardWebhooksVerifier(endpoint.get("secret")).verify(later, Instant.now()));
    }

    @Test
    void aFailingReceiverIsRetriedWithGrowingWaitsThenTheEndpointIsDisabledAndAdminsAreTold() throws Exception {
        UUID adminId = UUID.randomUUID();
        UUID formerAdmin = UUID.randomUUID();
        TestEvents.publish(Topics.IDENTITY, adminId.toString(), UserChanged.CREATED, "users/" + adminId,
                UserChanged.of(adminId, clinic, "CLINIC_ADMIN", "ACTIVE", null));
        TestEvents.publish(Topics.IDENTITY, formerAdmin.toString(), UserChanged.CREATED, "users/" + formerAdmin,
                UserChanged.of(formerAdmin, clinic, "CLINIC_ADMIN", "ACTIVE", null));
        String deactivated = TestEvents.publish(Topics.IDENTITY, formerAdmin.toString(), UserChanged.DEACTIVATED, "users/" + formerAdmin,
                UserChanged.of(formerAdmin, clinic, "CLINIC_ADMIN", "DEACTIVATED", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> AllClinics
                .call(() -> ClinicAdmin.count("userId = ?1 and clinicId = ?2", adminId, clinic)) == 1);
        awaitConsumed(ClinicAdmins.CONSUMER, deactivated);

        WebhookReceiver receiver = receiver("127.0.0.2").answering(WebhookReceiver.status(500));
        Map<String, String> endpoint = register(receiver, ProgressFlagged.TYPE);
        WebhookReceiver audit = receiver("127.0.0.2");
        register(admin, audit, List.of(NotificationOutcome.SENT, NotificationOutcome.FAILED));
        publishFlagged(clinic);

        // test profile: waits of 1s, 2s, 4s (+/-10%), so 4 attempts in about 7 seconds
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            deliveries(endpoint.get("id")).body("items[0].status", equalTo("FAILED"));
        });
        ValidatableResponse failed = deliveries(endpoint.get("id"))
                .body("items[0].attempts", hasSize(4))
                .body("items[0].attempts.responseStatus", everyItem(equalTo(500)))
                .body("items[0].attempts.error", everyItem(equalTo("HTTP 500")))
                .body("items[0].nextAttemptAt", nullValue());
        List<String> at = failed.extract().path("items[0].attempts.at");
        List<Duration> waits = new ArrayList<>();
        for (int i = 1; i < at.size(); i++) {
            waits.add(Duration.between(OffsetDateTime.parse(at.get(i - 1)), OffsetDateTime.parse(at.get(i))));
        }
        assertTrue(waits.get(0).compareTo(Duration.ofMillis(900)) >= 0, "first wait " + waits);
        assertTrue(waits.get(1).compareTo(waits.get(0)) > 0 && waits.get(2).compareTo(waits.get(1)) > 0, "waits grow: " + waits);
        assertEquals(4, receiver.received().size());
        assertEquals(1, receiver.hitsById().size(), "every retry carries the same webhook-id");

        given().auth().oauth2(admin).when().get(PATH + "/{id}", endpoint.get("id"))
                .then().statusCode(200).body("enabled", equalTo(false))
                .body("disabledReason", containsString("failed 4 times; last error: HTTP 500"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(TestTokens.clinicAdmin(clinic, adminId))
                .when().get("/api/v1/notifications").then().statusCode(200)
                .body("items.kind", hasItem("webhook.disabled"))
                .body("items.find { it.kind == 'webhook.disabled' }.priority", equalTo("HIGH")));

        given().auth().oauth2(TestTokens.clinicAdmin(clinic, formerAdmin)).when().get("/api/v1/notifications")
                .then().statusCode(200).body("items", hasSize(0));

        // the final failure is published as notification.failed on channel WEBHOOK, and never itself sent to a webhook
        List<ConsumerRecord<String, String>> outcome = TopicProbe.await(Topics.NOTIFICATION,
                value -> value.contains(NotificationOutcome.FAILED) && value.contains(endpoint.get("id")), Duration.ofSeconds(30));
        assertEquals(1, outcome.size());
        String outcomeId = JSON.readTree(outcome.get(0).value()).get("id").asText();
        assertEquals("WEBHOOK", JSON.readTree(outcome.get(0).value()).get("data").get("channel").asText());
        awaitFannedOut(outcome.get(0));
        // while the admin's in-app notification (notification.sent, IN_APP) does reach the clinic's audit endpoint
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertTrue(audit.received().stream().anyMatch(r -> r.body().contains("webhook.disabled")), "audit got the in-app outcome");
        });
        assertTrue(audit.received().stream().noneMatch(r -> r.body().contains(outcomeId) || r.body().contains("\"WEBHOOK\"")));

        // a disabled endpoint gets no new deliveries
        publishFlagged(clinic);
        awaitFannedOut(Topics.PROGRESS, publishFlagged(clinic));
        deliveries(endpoint.get("id")).body("items", hasSize(1));
    }

    @Test
    void aReplaySendsTheSameEventAgainUnderTheSameWebhookId() {
        WebhookReceiver receiver = receiver("127.0.0.2");
        Map<String, String> endpoint = register(receiver, ProgressFlagged.TYPE);
        publishFlagged(clinic);
        WebhookReceiver.Received first = awaitOneDelivery(receiver);

        given().auth().oauth2(admin).when()
                .post(PATH + "/{id}/deliveries/{delivery}/replays", endpoint.get("id"), first.webhookId())
                .then().statusCode(202).body("status", equalTo("PENDING")).body("id", equalTo(first.webhookId()));
        given().auth().oauth2(admin).when()
                .post(PATH + "/{id}/deliveries/{delivery}/replays", endpoint.get("id"), first.webhookId())
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("still pending"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertEquals(2, receiver.received().size());
        });
        WebhookReceiver.Received second = receiver.received().get(1);
        assertEquals(first.webhookId(), second.webhookId());
        assertEquals(first.body(), second.body());
        assertTrue(new StandardWebhooksVerifier(endpoint.get("secret")).verify(second, Instant.now()));
        deliveries(endpoint.get("id")).body("items", hasSize(1)).body("items[0].status", equalTo("SUCCEEDED"))
                .body("items[0].attempts", hasSize(2));
        given().auth().oauth2(admin).when()
                .post(PATH + "/{id}/deliveries/{delivery}/replays", endpoint.get("id"), UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void aHostThatNowResolvesToLoopbackIsRefusedAtSendTime() {
        WebhookReceiver loopback = receiver("127.0.0.1");
        WebhookReceiver receiver = receiver("127.0.0.2");
        Map<String, String> endpoint = register(receiver, ProgressFlagged.TYPE);
        // as if the registered name had been re-pointed in DNS after registration (rebinding)
        AllClinics.run(() -> em.createNativeQuery("update webhook_endpoint set url = :url where id = :id")
                .setParameter("url", "http://localhost:" + loopback.port() + "/hook")
                .setParameter("id", UUID.fromString(endpoint.get("id"))).executeUpdate());
        publishFlagged(clinic);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            deliveries(endpoint.get("id")).body("items[0].attempts", hasSize(1));
        });
        deliveries(endpoint.get("id"))
                .body("items[0].status", equalTo("PENDING"))
                .body("items[0].attempts[0].responseStatus", nullValue())
                .body("items[0].attempts[0].error", containsString("refused: host localhost resolves to a loopback address"));
        assertEquals(0, loopback.received().size());
        assertEquals(0, receiver.received().size());
    }

    @Test
    void aRedirectIsAFailureAndIsNeverFollowed() {
        WebhookReceiver loopback = receiver("127.0.0.1");
        WebhookReceiver redirecting = receiver("127.0.0.2").answering(exchange -> {
            exchange.getResponseHeaders().add("Location", loopback.url("/internal"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        Map<String, String> endpoint = register(redirecting, ProgressFlagged.TYPE);
        publishFlagged(clinic);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            deliveries(endpoint.get("id")).body("items[0].attempts", hasSize(1));
        });
        deliveries(endpoint.get("id"))
                .body("items[0].attempts[0].responseStatus", equalTo(302))
                .body("items[0].attempts[0].error", equalTo("redirect (HTTP 302) not followed"));
        assertEquals(1, redirecting.received().size());
        assertEquals(0, loopback.received().size());
    }

    @Test
    void aSlowOrHugeResponseCannotHoldTheDispatcher() throws InterruptedException {
        // the receiver stalls until the test is done with it: the dispatcher must give up on its own, not wait
        CountDownLatch released = new CountDownLatch(1);
        WebhookReceiver slow = receiver("127.0.0.2").answering(exchange -> {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        WebhookReceiver huge = receiver("127.0.0.2").answering(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 16 * 1024; i++) { // up to 1 GiB, far more than anyone should read
                    out.write(chunk);
                }
            } catch (java.io.IOException e) {
                // the dispatcher hung up, as it should
            }
            exchange.close();
        });
        Map<String, String> slowEndpoint = register(slow, ProgressFlagged.TYPE);
        Map<String, String> hugeEndpoint = register(huge, ProgressFlagged.TYPE);
        publishFlagged(clinic);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            deliveries(slowEndpoint.get("id")).body("items[0].attempts", hasSize(1));
            deliveries(hugeEndpoint.get("id")).body("items[0].attempts", hasSize(1));
        });
        // test profile: 2s request timeout; the slow receiver has still not answered
        deliveries(slowEndpoint.get("id"))
                .body("items[0].attempts[0].error", equalTo("no response within 2s"))
                .body("items[0].attempts[0].durationMs", lessThan(5_000));
        deliveries(hugeEndpoint.get("id"))
                .body("items[0].status", equalTo("SUCCEEDED"))
                .body("items[0].attempts[0].durationMs", lessThan(5_000));
        released.countDown();
    }

    @Test
    void twoDispatchersAtOnceSendEachDeliveryExactlyOnce() throws Exception {
        // The first batch is held in flight (its leases taken) until the other dispatcher has claimed a batch of
        // its own, so both claim while the other's rows are leased, whatever the timing.
        AtomicReference<UUID> endpointOf = new AtomicReference<>();
        AtomicBoolean bothClaimed = new AtomicBoolean();
        WebhookReceiver receiver = receiver("127.0.0.2").answering(exchange -> {
            if (!bothClaimed.get()) {
                try {
                    await().atMost(Duration.ofSeconds(20)).until(() -> leaseHolders(endpointOf.get()) >= 2);
                    bothClaimed.set(true);
                } catch (ConditionTimeoutException e) {
                    // the assertion below reports it
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        Map<String, String> endpoint = register(receiver, ProgressFlagged.TYPE);
        endpointOf.set(UUID.fromString(endpoint.get("id")));
        int events = 30;
        for (int i = 0; i < events; i++) {
            publishFlagged(clinic);
        }
        UUID endpointId = UUID.fromString(endpoint.get("id"));
        await().atMost(Duration.ofSeconds(30)).until(() -> AllClinics
                .call(() -> WebhookDelivery.count("endpointId = ?1 and status = ?2", endpointId, WebhookDelivery.Status.PENDING)) == events);

        ExecutorService two = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> dispatch = () -> {
            start.await();
            return dispatcher.dispatchDue();
        };
        Future<Integer> first = two.submit(dispatch);
        Future<Integer> second = two.submit(dispatch);
        start.countDown();
        int attempted = first.get() + second.get();
        two.shutdown();

        assertEquals(events, receiver.received().size(), "hits: " + receiver.hitsById());
        assertEquals(events, receiver.hitsById().size());
        assertTrue(receiver.hitsById().values().stream().allMatch(hits -> hits == 1), "each once: " + receiver.hitsById());
        assertTrue(attempted >= events, "both dispatchers together attempted " + attempted);
        assertTrue(bothClaimed.get(), "the second dispatcher claimed while the first one's batch was in flight");
        assertEquals(Set.of(WebhookDelivery.Status.SUCCEEDED), Set.copyOf(AllClinics.call(() ->
                WebhookDelivery.<WebhookDelivery>list("endpointId", endpointId).stream().map(d -> d.status).toList())));

        // the deliveries list pages with a cursor
        String cursor = given().auth().oauth2(admin).queryParam("limit", 20).when().get(PATH + "/{id}/deliveries", endpoint.get("id"))
                .then().statusCode(200).body("items", hasSize(20)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().auth().oauth2(admin).queryParam("limit", 20).queryParam("cursor", cursor).when().get(PATH + "/{id}/deliveries", endpoint.get("id"))
                .then().statusCode(200).body("items", hasSize(events - 20)).body("nextCursor", nullValue());
    }

    /** How many claims (lease tokens) hold unexpired leases on the endpoint's pending deliveries. */
    private long leaseHolders(UUID endpointId) {
        return AllClinics.call(() -> WebhookDelivery.<WebhookDelivery>list(
                        "endpointId = ?1 and status = ?2 and leaseUntil > ?3", endpointId, WebhookDelivery.Status.PENDING,
                        OffsetDateTime.now(ZoneOffset.UTC))
                .stream().map(d -> d.leaseToken).distinct().count());
    }

    /** The fan-out keeps no trace of an event without subscribers: wait until its consumer group got past the record. */
    private static void awaitFannedOut(ConsumerRecord<String, String> record) {
        ConsumerGroupProgress.awaitCommittedPast("notification-service-webhooks", record, Duration.ofSeconds(30));
    }

    private static void awaitFannedOut(String topic, String eventId) {
        List<ConsumerRecord<String, String>> records = TopicProbe.await(topic, value -> value.contains(eventId), Duration.ofSeconds(30));
        assertEquals(1, records.size(), "the event is on " + topic);
        awaitFannedOut(records.get(0));
    }

    private void awaitConsumed(String consumer, String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> AllClinics
                .call(() -> em.createNativeQuery("select count(*) from inbox_event where consumer = :c and event_id = :e")
                        .setParameter("c", consumer).setParameter("e", eventId).getSingleResult()).toString().equals("1"));
    }

    private WebhookReceiver receiver(String address) {
        WebhookReceiver receiver = WebhookReceiver.on(address);
        receivers.add(receiver);
        return receiver;
    }

    private Map<String, String> register(WebhookReceiver receiver, String eventType) {
        return register(admin, receiver, List.of(eventType));
    }

    private static Map<String, String> register(String token, WebhookReceiver receiver, List<String> eventTypes) {
        return register(token, receiver, eventTypes, "JSON");
    }

    private static Map<String, String> register(String token, WebhookReceiver receiver, List<String> eventTypes, String contentMode) {
        ValidatableResponse created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/hooks/intersession"), "eventTypes", eventTypes, "contentMode", contentMode))
                .when().post(PATH).then().statusCode(201);
        return Map.of("id", created.extract().path("id"), "secret", created.extract().path("secret"));
    }

    private ValidatableResponse deliveries(String endpointId) {
        return given().auth().oauth2(admin).when().get(PATH + "/{id}/deliveries", endpointId).then().statusCode(200);
    }

    private WebhookReceiver.Received awaitOneDelivery(WebhookReceiver receiver) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertEquals(1, receiver.received().size());
        });
        return receiver.received().get(0);
    }

    private String publishFlagged(UUID clinicId) {
        return publishFlagged(clinicId, UUID.randomUUID());
    }

    /** As progress-service does: the subject is the entry. */
    private String publishFlagged(UUID clinicId, UUID entry) {
        return TestEvents.publish(Topics.PROGRESS, client.toString(), ProgressFlagged.TYPE, "progress-entries/" + entry,
                new ProgressFlagged(entry, UUID.randomUUID(), clinicId, client, therapist, "urge",
                        "Urge to drink", 7, "Check in today", now()));
    }

    private String publishRecorded(UUID clinicId, UUID entry) {
        return TestEvents.publish(Topics.PROGRESS, client.toString(), ProgressRecorded.TYPE, "progress-entries/" + entry,
                new ProgressRecorded(entry, UUID.randomUUID(), clinicId, client, therapist, "2026-11-20T20:00", "DONE", false, now()));
    }

    private static String secretNobodyHas() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
