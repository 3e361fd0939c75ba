package org.intersession.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.intersession.platform.inbox.Inbox;
import org.intersession.platform.tenancy.Tenancy;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Processed-event ids and finished deliveries are deleted after their retention; nothing still to do is. */
@QuarkusTest
class RetentionTest {

    @Inject
    Inbox inbox;
    @Inject
    DeliveryLogRetention deliveries;
    @Inject
    EntityManager em;

    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    private final UUID clinic = UUID.randomUUID();

    @Test
    void processedEventIdsOlderThanTheRetentionAreDeletedAndNewerOnesKept() {
        String consumer = "retention-test-" + UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            processed(consumer, "old-" + i, now.minusDays(15));
        }
        processed(consumer, "recent", now.minusDays(13));

        long deleted = inbox.pruneReceivedBefore(now.minusDays(14));

        assertEquals(List.of("recent"), sql("select event_id from inbox_event where consumer = '" + consumer + "'"));
        assertEquals(true, deleted >= 7, "deleted " + deleted);
    }

    @Test
    void finishedDeliveriesOlderThanTheRetentionGoWithTheirAttemptsAndPendingOnesStay() {
        UUID oldSent = email("SENT", now.minusDays(31));
        UUID oldFailed = email("FAILED", now.minusDays(31));
        UUID oldPending = email("PENDING", now.minusDays(31));
        UUID recentSent = email("SENT", now.minusDays(29));
        UUID endpoint = webhookEndpoint();
        UUID oldSucceeded = webhook(endpoint, "SUCCEEDED", now.minusDays(31));
        UUID oldRetrying = webhook(endpoint, "PENDING", now.minusDays(31));
        UUID recentFailed = webhook(endpoint, "FAILED", now.minusDays(2));

        deliveries.pruneFinishedBefore(now.minusDays(30));

        assertEquals(List.of(oldPending.toString(), recentSent.toString()).stream().sorted().toList(),
                sql("select id::text from email_delivery where clinic_id = '" + clinic + "' order by id::text"));
        assertEquals(List.of(oldRetrying.toString(), recentFailed.toString()).stream().sorted().toList(),
                sql("select id::text from webhook_delivery where clinic_id = '" + clinic + "' order by id::text"));
        assertEquals(List.of(), sql("select id::text from email_attempt where delivery_id in ('" + oldSent + "', '" + oldFailed + "')"));
        assertEquals(List.of(), sql("select id::text from webhook_attempt where delivery_id = '" + oldSucceeded + "'"));
        assertEquals(1, sql("select id::text from webhook_attempt where delivery_id = '" + recentFailed + "'").size());
    }

    private void processed(String consumer, String eventId, OffsetDateTime at) {
        update("insert into inbox_event (consumer, source, event_id, type, received_at) values ('" + consumer
                + "', '/test', '" + eventId + "', 'test.v1', '" + at + "')");
    }

    private UUID email(String status, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        update("insert into email_delivery (id, clinic_id, recipient_id, kind, address, status, source_event_id, created_at) values ('"
                + id + "', '" + clinic + "', '" + UUID.randomUUID() + "', 'reminder', 'kim@example.org', '" + status + "', 'test#" + id
                + "', '" + at + "')");
        update("insert into email_attempt (id, clinic_id, delivery_id, at, response_status, duration_ms) values ('" + UUID.randomUUID()
                + "', '" + clinic + "', '" + id + "', '" + at + "', 250, 12)");
        return id;
    }

    private UUID webhookEndpoint() {
        UUID id = UUID.randomUUID();
        update("insert into webhook_endpoint (id, clinic_id, url, event_types, enabled, secret, created_at, updated_at) values ('"
                + id + "', '" + clinic + "', 'https://hooks.example.org/x', '[]', true, '\\x00', now(), now())");
        return id;
    }

    private UUID webhook(UUID endpoint, String status, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        update("insert into webhook_delivery (id, clinic_id, endpoint_id, event_id, event_type, payload, status, created_at) values ('"
                + id + "', '" + clinic + "', '" + endpoint + "', '" + id + "', 'test.v1', '{}', '" + status + "', '" + at + "')");
        update("insert into webhook_attempt (id, clinic_id, delivery_id, at, response_status, duration_ms) values ('" + UUID.randomUUID()
                + "', '" + clinic + "', '" + id + "', '" + at + "', 200, 12)");
        return id;
    }

    private void update(String statement) {
        Tenancy.acrossClinics("test rows", () -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate()));
    }

    @SuppressWarnings("unchecked")
    private List<String> sql(String query) {
        return Tenancy.acrossClinics("test reads", () -> QuarkusTransaction.requiringNew()
                .call(() -> (List<String>) em.createNativeQuery(query).getResultList()));
    }
}
