package org.intersession.e2e;

import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records no producer of ours would write (not JSON, a CloudEvent without its required attributes, one far over the
 * event size limit) are published to the real topics, keyed like the client's own events so that they sit in the
 * same partition ahead of them. Each consumer moves them to its dead-letter topic and carries on: the client's next
 * real events, behind the poison in that partition, still take effect.
 */
class PoisonEventFaultIT {

    private static final String ASSIGNMENT_TOPIC = "intersession.assignment.v1";
    private static final String PROGRESS_TOPIC = "intersession.progress.v1";
    private static final String PROGRESS_DLQ = "intersession.dlq.progress-service";
    private static final String NOTIFICATION_DLQ = "intersession.dlq.notification-service";
    /** Over the consumers' 256 KiB event limit, under the broker's 1 MiB record limit. */
    private static final int OVERSIZED_CHARS = 300 * 1024;

    @Test
    void malformedAndOversizedEventsGoToTheDeadLetterTopicsAndConsumersCarryOn() {
        FaultStack platform = FaultStack.get();
        ClinicApi clinic = platform.newClinic();
        ClinicApi.Person therapist = clinic.therapist();
        ClinicApi.Person client = clinic.client("UTC");
        clinic.link(client, therapist);

        String marker = UUID.randomUUID().toString();
        List<String> poison = List.of(
                "{\"not json " + marker,
                "{\"specversion\":\"1.0\",\"type\":\"org.intersession.assignment.created.v1\",\"data\":{\"marker\":\"" + marker + "\"}}",
                "{\"id\":\"" + marker + "\",\"source\":\"/poison\",\"specversion\":\"1.0\",\"type\":\"org.intersession.progress.recorded.v1\","
                        + "\"data\":{\"padding\":\"" + "x".repeat(OVERSIZED_CHARS) + "\"}}");
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
        try (KafkaProducer<String, String> kafka = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            for (String topic : List.of(ASSIGNMENT_TOPIC, PROGRESS_TOPIC)) {
                for (String value : poison) {
                    kafka.send(new ProducerRecord<>(topic, client.id().toString(), value)).get(30, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            throw new AssertionError("could not publish the poison records", e);
        }
        long published = System.nanoTime();

        // the client's real events, after the poison in the same partitions, still take effect
        String dueAt = LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        String assignmentId = await().atMost(Duration.ofSeconds(60)).until(() -> clinic.as(therapist).contentType(ContentType.JSON)
                        .body(Map.of("clientId", client.id(), "title", "Worry postponement",
                                "rationale", "Setting worry aside until a fixed time weakens its hold.",
                                "schedule", Map.of("type", "ONE_OFF", "dueAt", dueAt)))
                        .when().post("/api/v1/assignments").then().extract(),
                response -> response.statusCode() == 201).path("id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> clinic.as(client).when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.title", hasItem("New homework: Worry postponement")));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> clinic.as(client).contentType(ContentType.JSON)
                .body(Map.of("id", UUID.randomUUID(), "assignmentId", assignmentId, "status", "DONE", "occurrenceKey", dueAt))
                .when().post("/api/v1/progress-entries").statusCode() == 201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> clinic.as(therapist).when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.kind", hasItem(CompletionLoad.COMPLETION_KIND)));
        long carriedOnMillis = (System.nanoTime() - published) / 1_000_000;

        // progress-service reads the assignment topic; notification-service reads both, in two consumer groups (the
        // inbox consumers and the webhook fan-out), each of which dead-letters what it cannot read
        int expectedInProgressDlq = poison.size();
        int expectedInNotificationDlq = 2 * 2 * poison.size();
        List<ConsumerRecord<String, String>> progressDlq = deadLetters(platform, PROGRESS_DLQ, marker, expectedInProgressDlq);
        List<ConsumerRecord<String, String>> notificationDlq = deadLetters(platform, NOTIFICATION_DLQ, marker, expectedInNotificationDlq);

        FaultStack.report("poison-events", "requests", 2 * poison.size(), "faults", 2 * poison.size(),
                "deadLetteredProgress", progressDlq.size(), "deadLetteredNotification", notificationDlq.size(),
                "consumersCarriedOnAfterMs", carriedOnMillis,
                "lost", Math.max(0, expectedInProgressDlq - progressDlq.size()) + Math.max(0, expectedInNotificationDlq - notificationDlq.size()));
        assertEquals(expectedInProgressDlq, progressDlq.size(), "progress-service dead-letters each poison record once");
        assertEquals(expectedInNotificationDlq, notificationDlq.size(), "notification-service dead-letters each poison record once per topic and consumer group");
        for (ConsumerRecord<String, String> record : notificationDlq) {
            assertTrue(record.headers().lastHeader("dead-letter-reason") != null, "the dead-letter record says why");
        }
        assertTrue(notificationDlq.stream().anyMatch(r -> r.value().length() > OVERSIZED_CHARS), "the oversized record is kept whole");
    }

    /** The records of a dead-letter topic that carry {@code marker}, read until {@code expected} are found (or 60 s). */
    private static List<ConsumerRecord<String, String>> deadLetters(FaultStack platform, String topic, String marker, int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-probe-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // read a few seconds past the expected count, so that a duplicate dead letter would be seen too
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (record.value() != null && record.value().contains(marker)) {
                        found.add(record);
                    }
                }
                if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return found;
    }
}
