package org.intersession.notification.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.intersession.notification.AllClinics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.intersession.notification.delivery.ClinicAdmin;
import org.intersession.notification.notification.Notification;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.event.notification.NotificationOutcome;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Email is delivered like webhooks: queued in the consumer's transaction, sent by the dispatcher outside it, retried,
 * given up with word to the clinic's admins. Checked against the real SMTP server made slow or taken away.
 */
@QuarkusTest
class EmailDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmailDispatcher dispatcher;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @AfterEach
    void mailServerBack() {
        SmtpServer.up();
    }

    @Test
    void aSlowMailServerDoesNotSlowEventConsumption() throws Exception {
        String address = consentedTherapist();
        SmtpServer.slow(Duration.ofSeconds(10));

        long started = System.nanoTime();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(publishFlagged());
        }
        // every event is consumed (its in-app alert written, its email queued) while the mail server still holds the
        // first connection: nothing in consumption waits for SMTP
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(therapist, "progress.flagged") == 3);
        Duration consumed = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(0, SmtpServer.messagesTo(address).length, "no email got through the 10 s delay yet");
        assertTrue(consumed.compareTo(Duration.ofSeconds(10)) < 0, "three events consumed in " + consumed);
        assertEquals(3, deliveries(therapist).size(), "each consumer transaction queued its email");

        await().atMost(Duration.ofSeconds(60)).until(() -> SmtpServer.messagesTo(address).length == 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(therapist).stream().allMatch(d -> "SENT".equals(d.status)));
    }

    @Test
    void anSmtpOutageLosesNoEmailAndSendsNoneTwice() throws Exception {
        String address = consentedTherapist();
        SmtpServer.down();
        for (int i = 0; i < 3; i++) {
            publishFlagged();
        }
        // each email was tried against the absent server, and is waiting for its next attempt
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(therapist).size() == 3
                && deliveries(therapist).stream().allMatch(d -> attempts(d.id) >= 1 && "PENDING".equals(d.status)));
        assertEquals(0, SmtpServer.messagesTo(address).length);
        assertTrue(deliveries(therapist).stream().allMatch(d -> d.error == null && d.sealedMessage != null));

        SmtpServer.up();
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(therapist).stream().allMatch(d -> "SENT".equals(d.status)));
        // more dispatch rounds find nothing left to send
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();
        MimeMessage[] received = SmtpServer.messagesTo(address);
        assertEquals(3, received.length, "each email exactly once");

        // the Message-ID is the delivery id: the same on every attempt, so a receiver can tell a repeat
        Set<String> expected = deliveries(therapist).stream().map(d -> dispatcher.messageId(d.id)).collect(Collectors.toSet());
        Set<String> messageIds = new java.util.HashSet<>();
        for (MimeMessage message : received) {
            messageIds.add(message.getMessageID());
        }
        assertEquals(expected, messageIds);
        assertTrue(deliveries(therapist).stream().allMatch(d -> d.sealedMessage == null && d.nextAttemptAt == null),
                "the text is not kept once sent");
    }

    @Test
    void anEmailThatKeepsFailingIsGivenUpAndTheClinicAdminsAreTold() throws Exception {
        UUID admin = UUID.randomUUID();
        TestEvents.publish(Topics.IDENTITY, admin.toString(), UserChanged.CREATED, "users/" + admin,
                UserChanged.of(admin, clinic, "CLINIC_ADMIN", "ACTIVE", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> AllClinics
                .call(() -> ClinicAdmin.count("userId = ?1 and clinicId = ?2", admin, clinic)) == 1);
        String address = consentedTherapist();
        SmtpServer.down();
        publishFlagged();

        // test profile: waits of 1s, 2s, 4s, 8s (+/-10%), so 5 attempts in about 15 seconds
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(therapist).stream().anyMatch(d -> "FAILED".equals(d.status)));
        EmailDelivery failed = deliveries(therapist).get(0);
        assertEquals(5, attempts(failed.id));
        assertNull(failed.sealedMessage, "the text is not kept once given up");
        assertTrue(failed.error != null && !failed.error.isBlank(), "the last error is kept: " + failed.error);

        given().auth().oauth2(TestTokens.clinicAdmin(clinic, admin)).when().get("/api/v1/notifications")
                .then().statusCode(200)
                .body("items.find { it.kind == 'email.failed' }.priority", org.hamcrest.Matchers.equalTo("HIGH"))
                .body("items.find { it.kind == 'email.failed' }.title", org.hamcrest.Matchers.equalTo("An email could not be sent"));
        List<ConsumerRecord<String, String>> outcome = TopicProbe.await(Topics.NOTIFICATION,
                value -> value.contains(NotificationOutcome.FAILED) && value.contains(therapist.toString()) && value.contains("\"EMAIL\""),
                Duration.ofSeconds(30));
        assertEquals(1, outcome.size());
        assertEquals("progress.flagged", JSON.readTree(outcome.get(0).value()).get("data").get("kind").asText());

        SmtpServer.up();
        dispatcher.dispatchDue();
        assertEquals(0, SmtpServer.messagesTo(address).length, "a given-up email is not sent later");
    }

    private String consentedTherapist() {
        String address = TestContacts.knownAddress(clinic, therapist, "THERAPIST");
        given().auth().oauth2(TestTokens.therapist(clinic, therapist)).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP", "EMAIL"))).when().put("/api/v1/notification-preferences")
                .then().statusCode(200);
        return address;
    }

    private String publishFlagged() {
        UUID entry = UUID.randomUUID();
        return TestEvents.publish(Topics.PROGRESS, client.toString(), ProgressFlagged.TYPE, "progress-entries/" + entry,
                new ProgressFlagged(entry, UUID.randomUUID(), clinic, client, therapist, "urge", "Urge to drink", 7,
                        "Check in today", OffsetDateTime.now(ZoneOffset.UTC)));
    }

    private static List<EmailDelivery> deliveries(UUID recipient) {
        return AllClinics.call(() -> EmailDelivery.<EmailDelivery>list("recipientId", recipient));
    }

    private static long attempts(UUID delivery) {
        return AllClinics.call(() -> ((Number) EmailDelivery.getEntityManager()
                .createNativeQuery("select count(*) from email_attempt where delivery_id = :d")
                .setParameter("d", delivery).getSingleResult()).longValue());
    }

    private static long notifications(UUID recipient, String kind) {
        return AllClinics.call(() -> Notification.count("recipientId = ?1 and kind = ?2", recipient, kind));
    }
}
