package org.intersession.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.intersession.notification.notification.Notification;
import org.intersession.notification.webhook.WebhookEndpoint;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.testing.TenancyWall;
import org.intersession.testing.TenancyWallChecks;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenancy is a wall in notification-service (docs/security.md, "Tenancy"): every table holding clinic data carries its
 * clinic, every entity on one is scoped by it, plain SQL names it, and a query that forgets the clinic still sees one
 * clinic's rows only. Consumers work in the clinic of their event; the dispatchers and the reminder and digest jobs
 * claim due rows across clinics and record each outcome in its row's clinic; the notification stream reads in its
 * caller's clinic.
 */
@QuarkusTest
class TenancyWallTest extends TenancyWallChecks {

    @Override
    protected Map<String, String> sqlAcrossClinics() {
        return Map.of(
                "IdempotentRequests.pruneOlderThan", "expired Idempotency-Keys of every clinic are deleted by age; nothing is read",
                "Reminders.dispatchBatch", "the reminder dispatcher claims every clinic's due reminders",
                "WebhookDispatcher.claimCondition", "the webhook dispatcher claims every clinic's due deliveries, each"
                        + " after the earlier ones of its endpoint and subject (an endpoint is one clinic's)");
    }

    @Override
    protected Set<String> workAcrossClinics() {
        return Set.of("DeliveryDispatcher.dispatchDue", "DeliveryLogRetention.prune", "Reminders.extendHorizons",
                "Reminders.dispatchDue", "TherapistDigests.dispatchDue");
    }

    /** The dispatcher names its tables at run time ({@code "update " + table}), where the SQL check cannot see them. */
    @Test
    void plainSqlOnATableNamedAtRunTimeNamesTheClinic() {
        assertEquals(List.of(), TenancyWall.sqlOnComputedTablesWithoutClinic(TenancyWall.SOURCES, Map.of(
                "DeliveryDispatcher.claim", "the webhook and email dispatchers claim every clinic's due deliveries",
                "DeliveryLogRetention.prune", "finished deliveries of every clinic are deleted by age; nothing is read",
                "CareTeamScope.caresFor", "HQL on the care-team entity, which the wall scopes",
                "CareTeamScope.clientsOf", "HQL on the care-team entity, which the wall scopes")));
    }

    @Test
    void aQueryThatNamesNoClinicSeesOnlyTheCurrentClinicsRows() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        UUID own = notification(mine, recipient);
        UUID other = notification(theirs, recipient);
        UUID theirEndpoint = endpoint(theirs);

        Tenancy.inClinic(mine, () -> QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(List.of(own), Notification.<Notification>list("recipientId", recipient).stream().map(n -> n.id).toList(),
                    "the recipient's notifications, as far as this clinic can tell");
            assertNull(Notification.findById(other), "another clinic's notification is not found by its id");
            assertEquals(0, Notification.update("title = 'overwritten' where id = ?1", other), "nor changed");
            assertEquals(0, Notification.delete("id", other), "nor deleted");
            assertEquals(0, WebhookEndpoint.count("id", theirEndpoint), "nor another clinic's webhook endpoint counted");
        }));
        Tenancy.acrossClinics("the test looks at both clinics", () -> QuarkusTransaction.requiringNew().run(() -> {
            Notification untouched = Notification.findById(other);
            assertNotNull(untouched, "work across clinics sees every clinic's rows");
            assertEquals("Reminder: Breathing", untouched.title);
            assertNotNull(WebhookEndpoint.findById(theirEndpoint));
        }));
    }

    @Test
    void aRowOfAnotherClinicCannotBeWritten() {
        UUID mine = UUID.randomUUID();
        RuntimeException refused = assertThrows(RuntimeException.class, () -> Tenancy.inClinic(mine,
                () -> QuarkusTransaction.requiringNew().run(() -> newNotification(UUID.randomUUID(), UUID.randomUUID()).persistAndFlush())));
        assertTrue(causes(refused).contains("tenant"), causes(refused));
    }

    @Test
    void aSessionThatKnowsNoClinicIsRefused() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> Notification.count()));
        assertTrue(causes(refused).contains("No clinic"), causes(refused));
    }

    @Test
    void aRequestSeesOnlyItsTokensClinicEvenForTheSameUserId() {
        UUID mine = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        UUID own = notification(mine, recipient);
        UUID other = notification(UUID.randomUUID(), recipient);

        given().auth().oauth2(TestTokens.client(mine, recipient)).when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.id", equalTo(List.of(own.toString())));
        given().auth().oauth2(TestTokens.client(mine, recipient)).when().post("/api/v1/notifications/" + other + "/read")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static UUID notification(UUID clinic, UUID recipient) {
        Notification notification = newNotification(clinic, recipient);
        Tenancy.inClinic(clinic, () -> QuarkusTransaction.requiringNew().run(() -> notification.persist()));
        return notification.id;
    }

    private static Notification newNotification(UUID clinic, UUID recipient) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.clinicId = clinic;
        n.recipientId = recipient;
        n.kind = "reminder";
        n.priority = "NORMAL";
        n.title = "Reminder: Breathing";
        n.body = "Due at 08:00.";
        n.sourceEventId = "test#" + n.id;
        n.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return n;
    }

    private static UUID endpoint(UUID clinic) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.clinicId = clinic;
        endpoint.url = "https://receiver.example/hooks";
        endpoint.eventTypes = new ArrayList<>(List.of("assignment.created"));
        endpoint.contentMode = WebhookEndpoint.ContentMode.JSON;
        endpoint.enabled = true;
        endpoint.secret = new byte[] {1, 2, 3};
        endpoint.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        endpoint.updatedAt = endpoint.createdAt;
        Tenancy.inClinic(clinic, () -> QuarkusTransaction.requiringNew().run(() -> endpoint.persist()));
        return endpoint.id;
    }
}
