package org.intersession.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.consume.ConsumerTransaction;
import org.intersession.platform.event.MalformedEventException;
import org.intersession.platform.tenancy.Tenancy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns each event a clinic may subscribe to into one pending delivery per enabled endpoint of that clinic that asked
 * for its type. Its own consumer group, so webhooks never hold up in-app notifications. It reads every event of three
 * topics, and most find no endpoint, so it keeps no inbox row: a redelivered event is dropped by the unique
 * (endpoint, event id) of its deliveries, and an event nobody subscribes to writes nothing at all.
 * <p>
 * Each delivery gets the next sequence number of its (endpoint, event subject), written into the body as the
 * CloudEvents {@code sequence} extension (zero-padded, so it also orders as text). Events of one subject come from one
 * topic partition, keyed by client, so the numbers follow the order the producer wrote them in.
 */
@ApplicationScoped
public class WebhookFanOut {

    static final String CONSUMER = "notification-service/webhooks";

    /** Digits of the {@code sequence} attribute: a long always fits, so the text order is the numeric order. */
    static final int SEQUENCE_DIGITS = 19;

    private final ConsumerTransaction transaction;
    private final EventCodec codec;
    private final ObjectMapper mapper;
    private final EntityManager em;

    WebhookFanOut(ConsumerTransaction transaction, EventCodec codec, ObjectMapper mapper, EntityManager em) {
        this.transaction = transaction;
        this.codec = codec;
        this.mapper = mapper;
        this.em = em;
    }

    @Incoming("webhook-events")
    @Blocking
    public void consume(String record) {
        transaction.run(CONSUMER, record, this::fanOut);
    }

    /** In the clinic the event names ({@link ConsumerTransaction}): only that clinic's endpoints can receive it. */
    private void fanOut(CloudEvent event) {
        Optional<UUID> clinic = WebhookEventTypes.clinicOf(codec, event);
        if (clinic.isEmpty()) {
            return;
        }
        if (!clinic.get().equals(Tenancy.clinicId())) {
            throw new MalformedEventException("the payload's clinic is not the event's");
        }
        List<UUID> subscribed = subscribedEndpoints(clinic.get(), event.type());
        if (subscribed.isEmpty()) {
            return;
        }
        String subject = event.subject() == null ? "" : event.subject();
        ObjectNode body = mapper.valueToTree(event);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (UUID endpoint : subscribed) {
            // a redelivered event takes a number and then adds nothing: a gap, never a repeat
            long sequence = ((Number) em.createNativeQuery("""
                            insert into webhook_subject_sequence (endpoint_id, clinic_id, subject, last_sequence)
                            values (:endpoint, :clinic, :subject, 1)
                            on conflict (endpoint_id, subject) do update set last_sequence = webhook_subject_sequence.last_sequence + 1
                            returning last_sequence""")
                    .setParameter("endpoint", endpoint).setParameter("clinic", clinic.get()).setParameter("subject", subject)
                    .getSingleResult()).longValue();
            body.put("sequence", sequenceAttribute(sequence));
            em.createNativeQuery("""
                            insert into webhook_delivery (id, clinic_id, endpoint_id, event_id, event_type, subject, sequence, payload,
                                status, attempts_in_round, next_attempt_at, created_at)
                            values (:id, :clinic, :endpoint, :event, :type, :subject, :sequence, :payload, 'PENDING', 0, :now, :now)
                            on conflict (endpoint_id, event_id) do nothing""")
                    .setParameter("id", UUID.randomUUID()).setParameter("clinic", clinic.get())
                    .setParameter("endpoint", endpoint).setParameter("event", event.id()).setParameter("type", event.type())
                    .setParameter("subject", subject).setParameter("sequence", sequence)
                    .setParameter("payload", write(body)).setParameter("now", now)
                    .executeUpdate();
        }
    }

    static String sequenceAttribute(long sequence) {
        String digits = Long.toString(sequence);
        return "0".repeat(Math.max(0, SEQUENCE_DIGITS - digits.length())) + digits;
    }

    private String write(ObjectNode body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + body.path("id").asText(), e);
        }
    }

    /**
     * The clinic's enabled endpoints that subscribe to the type. This runs for every event of three topics, and most
     * clinics have no endpoint at all: one indexed lookup over JDBC in the transaction's connection, since Hibernate's
     * handling of the query (translation, result mapping) cost many times the query itself.
     */
    private List<UUID> subscribedEndpoints(UUID clinic, String type) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select id from webhook_endpoint where clinic_id = ? and enabled and event_types @> ?::jsonb")) {
                query.setObject(1, clinic);
                query.setString(2, "[\"" + new String(JsonStringEncoder.getInstance().quoteAsString(type)) + "\"]");
                List<UUID> endpoints = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        endpoints.add(rows.getObject(1, UUID.class));
                    }
                }
                return endpoints;
            }
        });
    }
}
