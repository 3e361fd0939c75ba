package org.intersession.notification.webhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.consume.ConsumerTransaction;

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
 */
@ApplicationScoped
public class WebhookFanOut {

    static final String CONSUMER = "notification-service/webhooks";

    private final ConsumerTransaction transaction;
    private final EventCodec codec;
    private final EntityManager em;

    WebhookFanOut(ConsumerTransaction transaction, EventCodec codec, EntityManager em) {
        this.transaction = transaction;
        this.codec = codec;
        this.em = em;
    }

    @Incoming("webhook-events")
    @Blocking
    public void consume(String record) {
        transaction.run(CONSUMER, () -> fanOut(record));
    }

    private void fanOut(String record) {
        CloudEvent event = codec.parse(record);
        Optional<UUID> clinic = WebhookEventTypes.clinicOf(codec, event);
        if (clinic.isEmpty()) {
            return;
        }
        List<UUID> subscribed = subscribedEndpoints(clinic.get(), event.type());
        if (subscribed.isEmpty()) {
            return;
        }
        String payload = codec.write(event);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (UUID endpoint : subscribed) {
            em.createNativeQuery("""
                            insert into webhook_delivery (id, clinic_id, endpoint_id, event_id, event_type, payload, status,
                                attempts_in_round, next_attempt_at, created_at)
                            values (:id, :clinic, :endpoint, :event, :type, :payload, 'PENDING', 0, :now, :now)
                            on conflict (endpoint_id, event_id) do nothing""")
                    .setParameter("id", UUID.randomUUID()).setParameter("clinic", clinic.get())
                    .setParameter("endpoint", endpoint).setParameter("event", event.id()).setParameter("type", event.type())
                    .setParameter("payload", payload).setParameter("now", now)
                    .executeUpdate();
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
