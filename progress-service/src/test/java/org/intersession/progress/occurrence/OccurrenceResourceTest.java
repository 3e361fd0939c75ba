package org.intersession.progress.occurrence;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.schedule.Schedule;
import org.intersession.progress.missed.MissedOccurrenceJob;
import org.intersession.testing.ChangesFeed;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OccurrenceResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EventCodec codec;

    @Inject
    MissedOccurrenceJob missedOccurrences;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @Test
    void occurrencesKeepTheirLocalTimeAcrossTheDstChange() {
        UUID assignment = tracked(new Schedule(Schedule.Type.RECURRING, null, LocalDate.parse("2026-03-25").atTime(20, 0),
                "FREQ=DAILY", List.of(), null, null), "ASSIGNED", 0, OffsetDateTime.now(ZoneOffset.UTC));
        given().auth().oauth2(clientToken())
                .queryParam("from", "2026-03-27T00:00:00Z").queryParam("to", "2026-03-31T00:00:00Z")
                .when().get("/api/v1/assignments/{id}/occurrences", assignment)
                .then().statusCode(200)
                .body("items.key", contains("2026-03-27T20:00", "2026-03-28T20:00", "2026-03-29T20:00", "2026-03-30T20:00"))
                // Berlin is UTC+1 until 29 March 2026, then UTC+2: 20:00 local stays 20:00 local
                .body("items.dueAt", contains("2026-03-27T19:00:00Z", "2026-03-28T19:00:00Z",
                        "2026-03-29T18:00:00Z", "2026-03-30T18:00:00Z"));
    }

    @Test
    void occurrencesArePaged() {
        UUID assignment = tracked(new Schedule(Schedule.Type.RECURRING, null, LocalDate.parse("2026-03-25").atTime(20, 0),
                "FREQ=DAILY", List.of(), null, null), "ASSIGNED", 0, OffsetDateTime.now(ZoneOffset.UTC));
        String next = given().auth().oauth2(clientToken())
                .queryParam("from", "2026-04-01T00:00:00Z").queryParam("to", "2026-04-06T00:00:00Z").queryParam("limit", 3)
                .when().get("/api/v1/assignments/{id}/occurrences", assignment)
                .then().statusCode(200).body("items", hasSize(3)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().auth().oauth2(clientToken())
                .queryParam("from", "2026-04-01T00:00:00Z").queryParam("to", "2026-04-06T00:00:00Z").queryParam("limit", 3)
                .queryParam("cursor", next)
                .when().get("/api/v1/assignments/{id}/occurrences", assignment)
                .then().statusCode(200).body("items.key", contains("2026-04-04T20:00", "2026-04-05T20:00"))
                .body("nextCursor", nullValue());
    }

    @Test
    void eachOccurrenceCarriesItsOutcomeAndItsEntry() {
        UUID assignment = tracked(TestEvents.newAssignment(UUID.randomUUID(), clinic, client, therapist, "Thought record").schedule(),
                "ACTIVE", 0, OffsetDateTime.now(ZoneOffset.UTC));
        UUID done = log(assignment, 6, "DONE");
        UUID partial = log(assignment, 5, "PARTIAL");
        UUID skipped = log(assignment, 4, "SKIPPED");

        JsonPath occurrences = occurrences(assignment, clientToken());
        assertEquals("LOGGED", occurrences.getString(at(6) + ".outcome"));
        assertEquals("DONE", occurrences.getString(at(6) + ".entryStatus"));
        assertEquals(done.toString(), occurrences.getString(at(6) + ".entryId"));
        assertEquals(Boolean.TRUE, occurrences.getBoolean(at(6) + ".late"));
        assertEquals("PARTIAL", occurrences.getString(at(5) + ".entryStatus"));
        assertEquals(partial.toString(), occurrences.getString(at(5) + ".entryId"));
        assertEquals("SKIPPED", occurrences.getString(at(4) + ".outcome"));
        assertEquals(skipped.toString(), occurrences.getString(at(4) + ".entryId"));
        assertEquals("MISSED", occurrences.getString(at(3) + ".outcome"));
        assertEquals(null, occurrences.getString(at(3) + ".entryId"));
        // without an entry, the window and the clock decide
        List<Map<String, Object>> items = occurrences.getList("items");
        Instant now = Instant.now();
        for (Map<String, Object> item : items) {
            if (item.get("entryId") == null) {
                Instant opens = Instant.parse((String) item.get("windowStart"));
                Instant closes = Instant.parse((String) item.get("windowEnd"));
                String expected = !closes.isAfter(now) ? "MISSED" : opens.isAfter(now) ? "UPCOMING" : "OPEN";
                if (closes.isAfter(now.plusSeconds(60)) || closes.isBefore(now.minusSeconds(60))) {
                    assertEquals(expected, item.get("outcome"), item.toString());
                }
            }
        }
        assertEquals("UPCOMING", items.get(items.size() - 1).get("outcome"), "two days ahead is not open yet");
    }

    @Test
    void afterACancellationWhatWasStillToComeIsCancelledAndWhatHadClosedStaysMissed() {
        UUID assignment = tracked(TestEvents.newAssignment(UUID.randomUUID(), clinic, client, therapist, "Thought record").schedule(),
                "ACTIVE", 0, OffsetDateTime.now(ZoneOffset.UTC).minusDays(8));
        log(assignment, 5, "DONE");
        publish(assignment, TestEvents.newAssignment(assignment, clinic, client, therapist, "Thought record").schedule(),
                "CANCELLED", 1, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("CANCELLED",
                occurrences(assignment, clientToken()).getString(at(1) + ".outcome")));
        JsonPath occurrences = occurrences(assignment, clientToken());
        assertEquals("LOGGED", occurrences.getString(at(5) + ".outcome"));
        assertEquals("MISSED", occurrences.getString(at(3) + ".outcome"), "its window closed before the cancellation");
        List<String> outcomes = occurrences.getList("items.outcome");
        assertEquals("CANCELLED", outcomes.get(outcomes.size() - 1));
    }

    @Test
    void onlyThoseWhoMaySeeTheAssignmentSeeItsOccurrences() {
        UUID assignment = tracked(TestEvents.newAssignment(UUID.randomUUID(), clinic, client, therapist, "Thought record").schedule(),
                "ACTIVE", 0, OffsetDateTime.now(ZoneOffset.UTC));
        for (String outsider : List.of(TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID()),
                TestTokens.client(clinic, UUID.randomUUID()), TestTokens.therapist(clinic, UUID.randomUUID()))) {
            given().auth().oauth2(outsider).when().get("/api/v1/assignments/{id}/occurrences", assignment)
                    .then().statusCode(404).contentType(PROBLEM);
        }
        TestEvents.careTeamLinked(clinic, client, therapist);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .when().get("/api/v1/assignments/{id}/occurrences", assignment).then().statusCode(200));
        given().auth().oauth2(TestTokens.clinicAdmin(clinic, UUID.randomUUID()))
                .when().get("/api/v1/assignments/{id}/occurrences", assignment).then().statusCode(200);
        given().auth().oauth2(clientToken()).queryParam("from", "2026-04-01T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z")
                .when().get("/api/v1/assignments/{id}/occurrences", assignment)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("to"));
    }

    /**
     * The feed serves an outcome each time one changes: entries logged and amended, and misses the job finds (from
     * the week before, when this assignment was created). A miss logged late comes again as LOGGED.
     */
    @Test
    void theFeedServesEveryChangedOutcomeOnceInTheOrderTheyChanged() {
        UUID assignment = tracked(TestEvents.newAssignment(UUID.randomUUID(), clinic, client, therapist, "Thought record").schedule(),
                "ACTIVE", 0, OffsetDateTime.now(ZoneOffset.UTC).minusDays(7).minusHours(6));
        UUID partial = log(assignment, 6, "PARTIAL");
        missedOccurrences.run();
        // a change is served once every transaction older than it has ended, so the feed is read until it is there
        ChangesFeed first = await().atMost(Duration.ofSeconds(30)).until(() -> sync(null, assignment),
                s -> "LOGGED".equals(outcomeOf(s, 6)) && "MISSED".equals(outcomeOf(s, 3)));
        assertEquals(first.items().stream().map(c -> c.get("key")).distinct().count(), first.items().size(), "each once");

        // a miss logged late, and the partial entry completed
        log(assignment, 3, "DONE");
        given().auth().oauth2(clientToken()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("status", "DONE")).when().put("/api/v1/progress-entries/{id}", partial).then().statusCode(200);
        ChangesFeed second = await().atMost(Duration.ofSeconds(30)).until(() -> sync(first.token(), assignment), s -> s.items().size() >= 2);
        assertEquals(2, second.items().size(), second.items().toString());
        assertEquals(List.of(TestEvents.dailyOccurrenceKey(3), TestEvents.dailyOccurrenceKey(6)),
                second.items().stream().map(c -> c.get("key")).toList(), "in the order they changed");
        assertEquals("LOGGED", outcomeOf(second, 3));
        assertEquals("DONE", second.items().get(1).get("entryStatus"));

        ChangesFeed third = sync(second.token(), assignment);
        assertTrue(third.items().isEmpty(), "nothing is served twice: " + third.items());
        // a token is for the filters it was made with
        given().auth().oauth2(clientToken()).queryParam("since", third.token())
                .when().get("/api/v1/occurrences/sync").then().statusCode(400).body("errors[0].field", equalTo("since"));
        // another client of the clinic sees none of it
        given().auth().oauth2(TestTokens.client(clinic, UUID.randomUUID())).queryParam("assignmentId", assignment)
                .when().get("/api/v1/occurrences/sync").then().statusCode(200).body("items", hasSize(0));
    }

    /** The occurrences feed of one assignment, a page of two at a time. */
    private ChangesFeed sync(String since, UUID assignment) {
        return ChangesFeed.read(() -> given().auth().oauth2(clientToken()).queryParam("assignmentId", assignment),
                "/api/v1/occurrences/sync", since, 2);
    }

    private static String outcomeOf(ChangesFeed feed, int daysAgo) {
        return feed.items().stream().filter(c -> TestEvents.dailyOccurrenceKey(daysAgo).equals(c.get("key")))
                .map(c -> (String) c.get("outcome")).findFirst().orElse(null);
    }

    private JsonPath occurrences(UUID assignment, String token) {
        return given().auth().oauth2(token)
                .queryParam("from", Instant.now().minus(Duration.ofDays(8)).toString())
                .queryParam("to", Instant.now().plus(Duration.ofDays(2)).toString())
                .when().get("/api/v1/assignments/{id}/occurrences", assignment)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String at(int daysAgo) {
        return "items.find { it.key == '" + TestEvents.dailyOccurrenceKey(daysAgo) + "' }";
    }

    private UUID log(UUID assignment, int daysAgo, String status) {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "assignmentId", assignment,
                "occurrenceKey", TestEvents.dailyOccurrenceKey(daysAgo), "status", status));
        if (status.equals("SKIPPED")) {
            body.put("skipReason", "NO_TIME");
        }
        given().auth().oauth2(clientToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/progress-entries").then().statusCode(201);
        return id;
    }

    /** An assignment of this test's client, once progress-service knows it. */
    private UUID tracked(Schedule schedule, String status, long version, OffsetDateTime changedAt) {
        UUID assignment = UUID.randomUUID();
        publish(assignment, schedule, status, version, changedAt);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(clientToken())
                .queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-01-02T00:00:00Z")
                .when().get("/api/v1/assignments/{id}/occurrences", assignment).then().statusCode(200));
        return assignment;
    }

    private void publish(UUID assignment, Schedule schedule, String status, long version, OffsetDateTime changedAt) {
        AssignmentSnapshot snapshot = new AssignmentSnapshot(assignment, clinic, client, therapist, "Thought record", status,
                "Europe/Berlin", schedule, ReminderPolicy.DEFAULT, null, version, changedAt);
        String type = status.equals("CANCELLED") ? AssignmentSnapshot.CANCELLED : AssignmentSnapshot.CREATED;
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), codec.write(new CloudEvent(UUID.randomUUID().toString(),
                "/intersession/assignment-service", CloudEvent.SPEC_VERSION, type, "assignments/" + assignment,
                OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, codec.tree(snapshot))));
    }

    private String clientToken() {
        return TestTokens.client(clinic, client);
    }
}
