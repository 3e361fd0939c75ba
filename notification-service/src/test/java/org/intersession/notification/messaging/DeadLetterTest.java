package org.intersession.notification.messaging;

import org.intersession.notification.AllClinics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.intersession.notification.notification.Notification;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each consumed topic: poison records go to the dead-letter topic with the reason, and consumption carries on. */
@QuarkusTest
class DeadLetterTest {

    private static final String DLQ = "intersession.dlq.notification-service";

    @Inject
    IdentityReplica identity;

    private final UUID clinic = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();

    @Test
    void poisonAssignmentRecordsAreDeadLetteredAndTheNextEventIsStillProcessed() {
        List<String> markers = sendPoison(Topics.ASSIGNMENT);
        TestEvents.publish(Topics.ASSIGNMENT, client.toString(), AssignmentSnapshot.CREATED, "assignments/x",
                TestEvents.newAssignment(UUID.randomUUID(), clinic, client, therapist, "Worry time"));

        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(client, "assignment.created") == 1);
        assertDeadLettered(Topics.ASSIGNMENT, markers);
    }

    @Test
    void poisonProgressRecordsAreDeadLetteredAndTheNextEventIsStillProcessed() {
        List<String> markers = sendPoison(Topics.PROGRESS);
        TestEvents.publish(Topics.PROGRESS, client.toString(), ProgressFlagged.TYPE, "progress-entries/x",
                new ProgressFlagged(UUID.randomUUID(), UUID.randomUUID(), clinic, client, therapist, "mood", "Mood", 1, null,
                        OffsetDateTime.now(ZoneOffset.UTC)));

        await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(therapist, "progress.flagged") == 1);
        assertDeadLettered(Topics.PROGRESS, markers);
    }

    @Test
    void poisonIdentityRecordsAreDeadLetteredAndTheNextEventIsStillProcessed() {
        List<String> markers = sendPoison(Topics.IDENTITY);
        TestEvents.clientProfile(clinic, client, "Europe/Lisbon");

        await().atMost(Duration.ofSeconds(30)).until(() -> AllClinics.call(() -> identity.zoneOf(client).isPresent()));
        assertDeadLettered(Topics.IDENTITY, markers);
    }

    /** Not JSON, a CloudEvent without its required attributes, and one over the size limit; each carries a marker. */
    private List<String> sendPoison(String topic) {
        String notJson = "not-json-" + UUID.randomUUID();
        String missing = "missing-attributes-" + UUID.randomUUID();
        String oversized = "oversized-" + UUID.randomUUID();
        TestEvents.send(topic, client.toString(), notJson + " {{{");
        TestEvents.send(topic, client.toString(), "{\"specversion\":\"1.0\",\"subject\":\"" + missing + "\",\"data\":{}}");
        TestEvents.send(topic, client.toString(), "{\"id\":\"" + oversized + "\",\"padding\":\""
                + "x".repeat(EventCodec.MAX_EVENT_BYTES) + "\"}");
        return List.of(notJson, missing, oversized);
    }

    private static void assertDeadLettered(String topic, List<String> markers) {
        for (String marker : markers) {
            List<ConsumerRecord<String, String>> found = TopicProbe.await(DLQ, value -> value.contains(marker), Duration.ofSeconds(30));
            assertFalse(found.isEmpty(), marker + " is on the dead-letter topic");
            ConsumerRecord<String, String> record = found.get(0);
            assertEquals(topic, header(record, "dead-letter-topic"), "the original topic is recorded");
            String reason = header(record, "dead-letter-reason");
            assertNotNull(reason, "the failure is recorded");
            assertTrue(reason.contains("CloudEvent") || reason.contains("exceeds") || reason.contains("not a CloudEvents"),
                    "the reason names the failure: " + reason);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long notificationsOf(UUID recipient, String kind) {
        return AllClinics.call(() -> Notification.count("recipientId = ?1 and kind = ?2", recipient, kind));
    }
}
