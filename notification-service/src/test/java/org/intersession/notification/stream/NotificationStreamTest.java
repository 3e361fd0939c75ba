package org.intersession.notification.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.identity.AccessRevoked;
import org.intersession.testing.SseClient;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class NotificationStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    @Inject
    NotificationStreams streams;
    @Inject
    InboxListener listener;

    @Inject
    ObjectMapper json;

    private final UUID clinic = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @BeforeEach
    void listenerIsSubscribed() {
        await().atMost(WAIT).until(listener::listening);
    }

    @Test
    void aNotificationWrittenByAnotherInstanceIsPushedToTheRecipientsStream() throws Exception {
        try (SseClient sse = SseClient.open(stream, TestTokens.client(clinic, client), null)) {
            assertEquals(200, sse.status());
            assertEquals("text/event-stream", sse.header("Content-Type").split(";")[0]);
            UUID someoneElse = UUID.randomUUID();
            insertAsAnotherInstance(someoneElse, "Not yours", OffsetDateTime.now(ZoneOffset.UTC));
            UUID mine = insertAsAnotherInstance(client, "Reminder: Breathing", OffsetDateTime.now(ZoneOffset.UTC));

            SseClient.Event event = sse.nextEvent(WAIT);
            assertNotNull(event, "the notification arrived on the stream");
            assertEquals(mine.toString(), event.id());
            assertEquals("notification", event.name());
            JsonNode view = json.readTree(event.data());
            assertEquals("Reminder: Breathing", view.get("title").asText());
            assertEquals("reminder", view.get("kind").asText());
            assertEquals(mine.toString(), view.get("id").asText());
        }
    }

    /** The stream reads in its caller's clinic: a row of another clinic that names the same user id is never pushed. */
    @Test
    void aStreamGetsOnlyItsOwnClinicsNotifications() throws Exception {
        try (SseClient sse = SseClient.open(stream, TestTokens.client(clinic, client), null)) {
            assertEquals(200, sse.status());
            insertAsAnotherInstance(UUID.randomUUID(), client, "Another clinic's", OffsetDateTime.now(ZoneOffset.UTC));
            UUID mine = insertAsAnotherInstance(client, "Reminder: Breathing", OffsetDateTime.now(ZoneOffset.UTC));

            SseClient.Event event = sse.nextEvent(WAIT);
            assertNotNull(event, "the own clinic's notification arrived on the stream");
            assertEquals(mine.toString(), event.id(), "and nothing of the other clinic's before it");
        }
    }

    /** A stream lasts no longer than its session: revoked (a logout, say), it ends within a heartbeat or two. */
    @Test
    void aStreamEndsWhenItsSessionIsRevoked() throws Exception {
        UUID session = UUID.randomUUID();
        String token = TestTokens.sign(TestTokens.claims(client).claim("clinic", clinic.toString())
                .claim("sid", session.toString()).groups(Set.of("CLIENT")));
        try (SseClient sse = SseClient.open(stream, token, null)) {
            assertEquals(200, sse.status());
            TestEvents.publish(Topics.IDENTITY, client.toString(), AccessRevoked.SESSION, "users/" + client + "/sessions/" + session,
                    new AccessRevoked(client, clinic, session, OffsetDateTime.now(ZoneOffset.UTC)));
            assertTrue(sse.ended(Duration.ofSeconds(30)), "the revoked session's stream ended");
        }
        given().auth().oauth2(token).when().get("/api/v1/notifications").then().statusCode(401);
    }

    @Test
    void aNotificationFromAnEventReachesTheStreamAsInTheListView() throws Exception {
        try (SseClient sse = SseClient.open(stream, TestTokens.client(clinic, client), null)) {
            TestEvents.publish(Topics.ASSIGNMENT, client.toString(), AssignmentSnapshot.CREATED, "assignments/x",
                    TestEvents.newAssignment(UUID.randomUUID(), clinic, client, UUID.randomUUID(), "Worry time"));

            SseClient.Event event = sse.nextEvent(Duration.ofSeconds(30));
            assertNotNull(event);
            JsonNode listed = json.readTree(given().auth().oauth2(TestTokens.client(clinic, client)).when()
                    .get("/api/v1/notifications").then().statusCode(200).extract().asString()).get("items").get(0);
            assertEquals(listed, json.readTree(event.data()), "the same JSON as the list view");
        }
    }

    @Test
    void reconnectingWithLastEventIdReplaysWhatWasMissedInOrder() throws Exception {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(insertAsAnotherInstance(client, "Missed " + i, start.plusMinutes(i)));
        }
        try (SseClient sse = SseClient.open(stream, TestTokens.client(clinic, client), ids.get(1).toString())) {
            assertEquals(ids.get(2).toString(), sse.nextEvent(WAIT).id());
            assertEquals(ids.get(3).toString(), sse.nextEvent(WAIT).id());
            // a late live notice of a notification the client had before it reconnected is not sent again
            streams.created(client, ids.get(0));
            UUID live = insertAsAnotherInstance(client, "Live", OffsetDateTime.now(ZoneOffset.UTC));
            assertEquals(live.toString(), sse.nextEvent(WAIT).id(), "nothing older is replayed, and the live one follows");
        }
    }

    /** What a browser's EventSource reads: id, event and JSON data, a retry time, and no field it does not know. */
    @Test
    void theStreamFollowsTheEventSourceFormat() throws Exception {
        try (SseClient sse = SseClient.open(stream, TestTokens.client(clinic, client), null)) {
            assertEquals("text/event-stream", sse.header("Content-Type").split(";")[0]);
            UUID first = insertAsAnotherInstance(client, "Reminder: Breathing", OffsetDateTime.now(ZoneOffset.UTC));
            UUID second = insertAsAnotherInstance(client, "Reminder: Walk", OffsetDateTime.now(ZoneOffset.UTC));

            SseClient.Event one = sse.nextEvent(WAIT);
            SseClient.Event two = sse.nextEvent(WAIT);
            assertNotNull(two, "both notifications arrived");
            assertEquals(List.of(first.toString(), second.toString()), List.of(one.id(), two.id()));
            assertEquals("notification", two.name());
            assertEquals(second.toString(), json.readTree(two.data()).get("id").asText(), "data is the notification's JSON");
            assertEquals(3000L, sse.retryMillis(), "retry: tells the client how long to wait before reconnecting");
            assertEquals(Set.of(), sse.ignoredFields(), "no field outside the SSE format, such as content-type");
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        try (SseClient sse = SseClient.open(stream, TestTokens.client(clinic, client), null)) {
            assertEquals("open", sse.nextComment(WAIT));
            assertEquals("heartbeat", sse.nextComment(WAIT));
        }
    }

    @Test
    void aUserMayOpenFiveStreamsAndTheSixthIsRefusedUntilOneCloses() throws Exception {
        String token = TestTokens.client(clinic, client);
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseClient sse = SseClient.open(stream, token, null);
                assertEquals(200, sse.status());
                assertEquals("open", sse.nextComment(WAIT));
                open.add(sse);
            }
            given().auth().oauth2(token).accept("text/event-stream").when().get("/api/v1/notifications/stream")
                    .then().statusCode(429).contentType("application/problem+json").header("Retry-After", "30")
                    .body("status", equalTo(429));
            try (SseClient other = SseClient.open(stream, TestTokens.client(clinic, UUID.randomUUID()), null)) {
                assertEquals(200, other.status(), "the limit is per user");
            }

            open.remove(0).close();
            await().atMost(WAIT).untilAsserted(() -> {
                try (SseClient again = SseClient.open(stream, token, null)) {
                    assertEquals(200, again.status());
                }
            });
        } finally {
            for (SseClient sse : open) {
                sse.close();
            }
        }
    }

    @Test
    void theStreamNeedsAValidTokenAndAWellFormedLastEventId() throws Exception {
        try (SseClient anonymous = SseClient.open(stream, null, null)) {
            assertEquals(401, anonymous.status());
            assertNull(anonymous.nextEvent(Duration.ofMillis(200)));
        }
        given().auth().oauth2(TestTokens.client(clinic, client)).header("Last-Event-ID", "not-an-id")
                .accept("text/event-stream").when().get("/api/v1/notifications/stream")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** Writes an inbox row as any instance of the service does, through a connection of its own. */
    private UUID insertAsAnotherInstance(UUID recipient, String title, OffsetDateTime createdAt) throws SQLException {
        return insertAsAnotherInstance(clinic, recipient, title, createdAt);
    }

    private static UUID insertAsAnotherInstance(UUID clinic, UUID recipient, String title, OffsetDateTime createdAt) throws SQLException {
        UUID id = UUID.randomUUID();
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             PreparedStatement insert = db.prepareStatement("""
                     insert into notification (id, clinic_id, recipient_id, kind, title, body, priority, source_event_id, created_at)
                     values (?, ?, ?, 'reminder', ?, 'Due at 08:00.', 'NORMAL', ?, ?)""")) {
            insert.setObject(1, id);
            insert.setObject(2, clinic);
            insert.setObject(3, recipient);
            insert.setString(4, title);
            insert.setString(5, "test#" + id);
            insert.setObject(6, createdAt);
            insert.executeUpdate();
        }
        return id;
    }
}
