package org.intersession.notification.webhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.consume.ConsumerTransaction;
import org.intersession.platform.inbox.Inbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns each event a clinic may subscribe to into one pending delivery per enabled endpoint of that clinic that asked
 * for its type. Its own consumer group, so webhooks never hold up in-app notifications. Idempotent twice over: the
 * inbox drops a redelivered event, and (endpoint, event id) is unique.
 */
@ApplicationScoped
public class WebhookFanOut {

    static final String CONSUMER = "notification-service/webhooks";

    private final ConsumerTransaction transaction;
    private final EventCodec codec;
    private final Inbox inbox;
    private final EntityManager em;

    WebhookFanOut(ConsumerTransaction transaction, EventCodec codec, Inbox inbox, EntityManager em) {
        this.transaction = transaction;
        this.codec = codec;
        this.inbox = inbox;
        this.em = em;
    }

    @Incoming("webhook-events")
    @Blocking
    public void consume(String record) {
        transaction.run(CONSUMER, () -> fanOut(record));
    }

    private void fanOut(String record) {
        CloudEvent event = codec.parse(record);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
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
     * The clinic's enabled endpoints that subscribe to the type. Plain SQL, run for every event of every topic:
     * Hibernate translates an HQL query anew on every call, and most clinics have no endpoint at all.
     */
    @SuppressWarnings("unchecked")
    private List<UUID> subscribedEndpoints(UUID clinic, String type) {
        return em.createNativeQuery("""
                        select id from webhook_endpoint
                        where clinic_id = :clinic and enabled and event_types @> cast(:types as jsonb)""", UUID.class)
                .setParameter("clinic", clinic).setParameter("types", "[\"" + new String(JsonStringEncoder.getInstance().quoteAsString(type)) + "\"]")
                .getResultList();
    }
}
