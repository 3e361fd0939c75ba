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
import org.intersession.platform.event.identity.CareTeamChanged;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
