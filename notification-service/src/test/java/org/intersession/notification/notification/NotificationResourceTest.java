package org.intersession.notification.notification;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.progress.OccurrenceMissed;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.platform.event.progress.ProgressRecorded;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class NotificationResourceTest {

    @Inject
    EventCodec codec;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @Test
    void aNewAssignmentReachesTheClientsInboxExactlyOnceEvenWhenRedelivered() {
        String event = envelope(AssignmentSnapshot.CREATED, TestEvents.newAssignment(UUID.randomUUID(), clinic, client, therapist,
                "Worry time"));
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), event);
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), event);
        // a later event on the same partition proves the duplicate before it was consumed
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), envelope(AssignmentSnapshot.CREATED,
                TestEvents.newAssignment(UUID.randomUUID(), clinic, client, therapist, "Sleep diary")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> inbox(client, 20)
                .body("items.title", hasItem("New homework: Sleep diary")));
        inbox(client, 20).body("items", hasSize(2)).body("items.title", hasItem("New homework: Worry time"));
    }

    @Test
    void loggedProgressNotifiesTheTherapistWithoutClinicalDetail() {
        TestEvents.send(Topics.PROGRESS, client.toString(), envelope(ProgressRecorded.TYPE,
                new ProgressRecorded(UUID.randomUUID(), UUID.randomUUID(), clinic, client, therapist, "2026-11-20T20:00", "DONE", false, now())));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> inbox(therapist, 20)
                .body("items.kind", contains("progress.recorded"))
                .body("items[0].body", equalTo("Status: DONE")));
        inbox(client, 20).body("items", hasSize(0));
    }

    @Test
    void aFlaggedAnswerReachesTheTherapistAsHighPriorityWithoutTheAnswer() {
        TestEvents.send(Topics.PROGRESS, client.toString(), envelope(ProgressFlagged.TYPE,
                new ProgressFlagged(UUID.randomUUID(), UUID.randomUUID(), clinic, client, therapist, "self_harm_urge",
                        "Urge to harm yourself", 5, "Check in with the client today", now())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> inbox(therapist, 20)
                .body("items[0].kind", equalTo("progress.flagged"))
                .body("items[0].priority", equalTo("HIGH"))
                .body("items[0].title", equalTo("Flagged answer: Urge to harm yourself"))
                .body("items[0].body", not(org.hamcrest.Matchers.containsString("5"))));
    }

    @Test
    void theTherapistHearsWhenAClientMissesThreeInARowAndNotBefore() {
        UUID assignment = UUID.randomUUID();
        for (int day = 1; day <= 2; day++) {
            TestEvents.publish(Topics.PROGRESS, client.toString(), OccurrenceMissed.TYPE, "missed",
                    new OccurrenceMissed(assignment, clinic, client, therapist, "2026-11-0" + day + "T20:00", Instant.now(), Instant.now()));
        }
        // a logged occurrence starts the count again
        TestEvents.send(Topics.PROGRESS, client.toString(), envelope(ProgressRecorded.TYPE,
                new ProgressRecorded(UUID.randomUUID(), assignment, clinic, client, therapist, "2026-11-03T20:00", "SKIPPED", false, now())));
        for (int day = 4; day <= 6; day++) {
            TestEvents.publish(Topics.PROGRESS, client.toString(), OccurrenceMissed.TYPE, "missed",
                    new OccurrenceMissed(assignment, clinic, client, therapist, "2026-11-0" + day + "T20:00", Instant.now(), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> inbox(therapist, 20)
                .body("items.kind", contains("occurrences.missed"))
                .body("items[0].title", equalTo("Homework missed 3 times in a row")));
    }

    @Test
    void theInboxPagesWithACursor() {
        for (String title : List.of("One", "Two", "Three")) {
            TestEvents.send(Topics.ASSIGNMENT, client.toString(), envelope(AssignmentSnapshot.CREATED,
                    TestEvents.newAssignment(UUID.randomUUID(), clinic, client, therapist, title)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> inbox(client, 20).body("items", hasSize(3)));

        String cursor = inbox(client, 2).body("items", hasSize(2)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        List<String> firstPage = inbox(client, 2).extract().path("items.id");
        given().auth().oauth2(TestTokens.client(clinic, client))
                .queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/notifications")
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue())
                .body("items[0].id", not(org.hamcrest.Matchers.in(firstPage)));
    }

    @Test
    void readingANotificationLowersTheUnreadCountAndOthersCannotTouchIt() {
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), envelope(AssignmentSnapshot.CREATED,
                TestEvents.newAssignment(UUID.randomUUID(), clinic, client, therapist, "Breathing")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.client(clinic, client))
                .when().get("/api/v1/notifications/unread-count").then().statusCode(200).body("unread", equalTo(1)));
        String id = inbox(client, 20).extract().path("items[0].id");

        given().auth().oauth2(TestTokens.client(clinic, UUID.randomUUID())).when().post("/api/v1/notifications/{id}/read", id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.client(clinic, client)).when().post("/api/v1/notifications/{id}/read", id)
                .then().statusCode(200).body("readAt", notNullValue());
        given().auth().oauth2(TestTokens.client(clinic, client)).when().get("/api/v1/notifications/unread-count")
                .then().statusCode(200).body("unread", equalTo(0));
    }

    @Test
    void pageSizeAndCursorAreBounded() {
        given().auth().oauth2(TestTokens.client(clinic, client)).queryParam("limit", 101)
                .when().get("/api/v1/notifications")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("limit"));
        given().auth().oauth2(TestTokens.client(clinic, client)).queryParam("cursor", "bm90LWEtY3Vyc29y")
                .when().get("/api/v1/notifications")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("cursor"));
    }

    private io.restassured.response.ValidatableResponse inbox(UUID user, int limit) {
        String token = user.equals(therapist) ? TestTokens.therapist(clinic, user) : TestTokens.client(clinic, user);
        return given().auth().oauth2(token).queryParam("limit", limit)
                .when().get("/api/v1/notifications").then().statusCode(200);
    }

    private String envelope(String type, Object data) {
        return codec.write(new CloudEvent(UUID.randomUUID().toString(), "/intersession/test", CloudEvent.SPEC_VERSION,
                type, "test", now(), CloudEvent.JSON, codec.tree(data)));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
