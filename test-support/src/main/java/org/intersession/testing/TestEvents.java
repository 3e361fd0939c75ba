package org.intersession.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.event.identity.CareTeamChanged;
import org.intersession.platform.event.identity.ClientProfileChanged;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.schema.FieldSchema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Publishes raw records to the shared broker, standing in for another service's events in a service's own tests. */
public final class TestEvents {

    private TestEvents() {
    }

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Publishes a CloudEvent as another service's outbox would: structured JSON, keyed by {@code key}. */
    public static String publish(String topic, String key, String type, String subject, Object payload) {
        String id = UUID.randomUUID().toString();
        CloudEvent event = new CloudEvent(id, "/intersession/test", CloudEvent.SPEC_VERSION, type, subject,
                OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, JSON.valueToTree(payload));
        try {
            send(topic, key, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** The gateway's event for a therapist joining a client's care team. */
    public static void careTeamLinked(UUID clinic, UUID client, UUID therapist) {
        publish(Topics.IDENTITY, client.toString(), CareTeamChanged.LINKED, "clients/" + client + "/care-team/" + therapist,
                new CareTeamChanged(clinic, client, therapist));
    }

    /** The gateway's event for a client's profile, with the time zone their schedules are read in. */
    public static void clientProfile(UUID clinic, UUID client, String timeZone) {
        publish(Topics.IDENTITY, client.toString(), ClientProfileChanged.TYPE, "users/" + client + "/profile",
                new ClientProfileChanged(client, clinic, timeZone, "en", List.of()));
    }

    /** A daily assignment (20:00 in Europe/Berlin, begun a week ago), as assignment-service would publish it. */
    public static AssignmentSnapshot newAssignment(UUID assignment, UUID clinic, UUID client, UUID therapist, String title) {
        return newAssignment(assignment, clinic, client, therapist, title, null);
    }

    public static AssignmentSnapshot newAssignment(UUID assignment, UUID clinic, UUID client, UUID therapist, String title,
                                                   FieldSchema schema) {
        Schedule daily = new Schedule(Schedule.Type.RECURRING, null, LocalDate.now().minusDays(7).atTime(20, 0), "FREQ=DAILY",
                List.of(), null, null);
        return new AssignmentSnapshot(assignment, clinic, client, therapist, title, "ASSIGNED", "Europe/Berlin", daily,
                ReminderPolicy.DEFAULT, schema, 0, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** The key of the daily 20:00 occurrence {@code daysAgo} days ago, as in {@link #newAssignment}. */
    public static String dailyOccurrenceKey(int daysAgo) {
        return LocalDate.now().minusDays(daysAgo) + "T20:00";
    }

    public static void send(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish a test event to " + topic, e);
        }
    }
}
