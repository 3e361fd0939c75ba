package org.intersession.assignment.assignment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.intersession.assignment.AssignmentFixture;
import org.intersession.platform.event.Topics;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.testing.ChangesFeed;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class AssignmentResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    IdentityReplica identity;

    private AssignmentFixture f;

    @BeforeEach
    void clinic() {
        f = new AssignmentFixture(identity);
    }

    @Test
    void therapistCreatesAnAssignmentAndItsSnapshotIsPublished() {
        ExtractableResponse<Response> created = given().auth().oauth2(f.therapistToken())
                .contentType(ContentType.JSON).body(f.dailyThoughtRecord())
                .when().post("/api/v1/assignments")
                .then().statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("status", equalTo("ASSIGNED"))
                .body("therapistId", equalTo(f.therapist.toString()))
                .body("rationale", containsString("automatic thoughts"))
                .body("obstacles[0].copingPlan", equalTo("Keep the phone by the bed"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("reminderPolicy.minutesBefore", equalTo(60))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location"), endsWith("/api/v1/assignments/" + id));

        List<ConsumerRecord<String, String>> published = TopicProbe.await(Topics.ASSIGNMENT,
                value -> value.contains("assignments/" + id), Duration.ofSeconds(30));
        assertFalse(published.isEmpty(), "the assignment.created event reached Kafka through the outbox");
        assertEquals(f.client.toString(), published.get(0).key(), "events are keyed by client so each client's stay in order");
        JsonPath envelope = JsonPath.from(published.get(0).value());
        assertEquals("1.0", envelope.getString("specversion"));
        assertEquals("org.intersession.assignment.created.v1", envelope.getString("type"));
        assertEquals("/intersession/assignment-service", envelope.getString("source"));
        assertEquals("Europe/Berlin", envelope.getString("data.timeZone"));
        assertEquals("FREQ=DAILY", envelope.getString("data.schedule.rrule"));
    }

    @Test
    void anInvalidScheduleNamesTheField() {
        Map<String, Object> body = f.dailyThoughtRecord();
        body.put("schedule", Map.of("type", "RECURRING", "start", "2026-03-25T20:00", "rrule", "FREQ=YEARLY"));
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(org.hamcrest.Matchers.startsWith("schedule.rrule")));
        body.put("schedule", Map.of("type", "ONE_OFF"));
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("schedule.dueAt"));
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstResultAndRefusesADifferentBody() {
        String key = "create-" + UUID.randomUUID();
        String first = given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(f.dailyThoughtRecord())
                .when().post("/api/v1/assignments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(f.dailyThoughtRecord())
                .when().post("/api/v1/assignments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));

        Map<String, Object> other = f.dailyThoughtRecord();
        other.put("title", "Something else");
        given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(other)
                .when().post("/api/v1/assignments").then().statusCode(422).contentType(PROBLEM);

        given().auth().oauth2(f.therapistToken()).queryParam("clientId", f.client)
                .when().get("/api/v1/assignments").then().statusCode(200).body("items", hasSize(1));
    }

    /** A retry is the same request by value: members in another order, or a bound of 10 written 10.0, change nothing. */
    @Test
    void anIdempotentRetryIsRecognisedWhateverTheOrderOfItsMembersOrHowItsNumbersAreWritten() {
        String key = "reordered-" + UUID.randomUUID();
        String field = "{\"key\":\"urge\",\"label\":\"Urge\",\"type\":\"scale\",\"min\":0,\"max\":10,"
                + "\"alert\":{\"operator\":\"at_least\",\"value\":8,\"message\":\"Strong urge\"}}";
        String first = "{\"clientId\":\"" + f.client + "\",\"title\":\"Urge log\",\"rationale\":\"Noticing urges is how they pass.\","
                + "\"schedule\":{\"type\":\"ONE_OFF\",\"dueAt\":\"2026-03-25T20:00\"},\"fieldSchema\":{\"fields\":[" + field + "]}}";
        String retry = "{\"fieldSchema\":{\"fields\":[" + field.replace("\"min\":0,\"max\":10", "\"max\":10.0,\"min\":0.0")
                .replace("\"value\":8", "\"value\":8.0") + "]},\"schedule\":{\"dueAt\":\"2026-03-25T20:00\",\"type\":\"ONE_OFF\"},"
                + "\"rationale\":\"Noticing urges is how they pass.\",\"title\":\"Urge log\",\"clientId\":\"" + f.client + "\"}";
        String id = given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(first)
                .when().post("/api/v1/assignments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(retry)
                .when().post("/api/v1/assignments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(retry.replace("\"value\":8.0", "\"value\":9"))
                .when().post("/api/v1/assignments").then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void twoConcurrentRequestsWithOneIdempotencyKeyCreateOneAssignment() throws Exception {
        String key = "concurrent-" + UUID.randomUUID();
        java.util.concurrent.Callable<ExtractableResponse<Response>> create = () -> given().auth().oauth2(f.therapistToken())
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(f.dailyThoughtRecord())
                .when().post("/api/v1/assignments").then().extract();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<ExtractableResponse<Response>>> both = pool.invokeAll(List.of(create, create));
            ExtractableResponse<Response> first = both.get(0).get();
            ExtractableResponse<Response> second = both.get(1).get();
            assertEquals(201, first.statusCode());
            assertEquals(201, second.statusCode());
            assertEquals((String) first.path("id"), (String) second.path("id"));
        } finally {
            pool.shutdown();
        }
        given().auth().oauth2(f.therapistToken()).queryParam("clientId", f.client)
                .when().get("/api/v1/assignments").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void updatesNeedTheCurrentEtag() {
        String id = f.create(f.dailyThoughtRecord());
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(Map.of("title", "No If-Match"))
                .when().patch("/api/v1/assignments/{id}", id).then().statusCode(428).contentType(PROBLEM);
        given().auth().oauth2(f.therapistToken()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("title", "Evening thought record"))
                .when().patch("/api/v1/assignments/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"").body("title", equalTo("Evening thought record"));
        given().auth().oauth2(f.therapistToken()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("title", "Lost update"))
                .when().patch("/api/v1/assignments/{id}", id).then().statusCode(412).contentType(PROBLEM);
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("status", "COMPLETED"))
                .when().patch("/api/v1/assignments/{id}", id).then().statusCode(400).body("errors.field", hasItem("status"));
    }

    @Test
    void theLifecycleMovesOnlyAlongItsTransitions() {
        String id = f.create(f.dailyThoughtRecord());
        given().auth().oauth2(f.therapistToken()).when().post("/api/v1/assignments/{id}/acknowledge", id)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(f.clientToken()).when().post("/api/v1/assignments/{id}/acknowledge", id)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("acknowledgedAt", notNullValue());
        given().auth().oauth2(f.clientToken()).when().post("/api/v1/assignments/{id}/acknowledge", id)
                .then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(f.therapistToken()).when().post("/api/v1/assignments/{id}/pause", id)
                .then().statusCode(200).body("status", equalTo("PAUSED"));
        given().auth().oauth2(f.therapistToken()).when().post("/api/v1/assignments/{id}/resume", id)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(f.therapistToken()).when().post("/api/v1/assignments/{id}/complete", id)
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
        given().auth().oauth2(f.therapistToken()).when().post("/api/v1/assignments/{id}/cancel", id)
                .then().statusCode(409).contentType(PROBLEM);
        for (String type : List.of("acknowledged", "paused", "resumed", "completed")) {
            assertFalse(TopicProbe.await(Topics.ASSIGNMENT, v -> v.contains("org.intersession.assignment." + type + ".v1")
                    && v.contains(id), Duration.ofSeconds(30)).isEmpty(), type + " was published");
        }
    }

    @Test
    void listsFilterAndPageWithinWhatTheCallerSees() {
        String first = f.create(f.dailyThoughtRecord());
        String second = f.create(f.dailyThoughtRecord());
        given().auth().oauth2(f.clientToken()).when().post("/api/v1/assignments/{id}/acknowledge", first).then().statusCode(200);

        String cursor = given().auth().oauth2(f.therapistToken()).queryParam("limit", 1)
                .when().get("/api/v1/assignments")
                .then().statusCode(200).body("items.id", contains(second)).extract().path("nextCursor");
        given().auth().oauth2(f.therapistToken()).queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get("/api/v1/assignments")
                .then().statusCode(200).body("items.id", contains(first)).body("nextCursor", nullValue());
        given().auth().oauth2(f.clientToken()).queryParam("status", "ACTIVE")
                .when().get("/api/v1/assignments").then().statusCode(200).body("items.id", contains(first));
        given().auth().oauth2(TestTokens.therapist(f.clinic, UUID.randomUUID()))
                .when().get("/api/v1/assignments").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(TestTokens.clinicAdmin(f.clinic, UUID.randomUUID())).queryParam("therapistId", f.therapist)
                .when().get("/api/v1/assignments").then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void theSyncFeedServesEachCreatedOrChangedAssignmentOnceInItsCurrentState() {
        String first = f.create(f.dailyThoughtRecord());
        String second = f.create(f.dailyThoughtRecord());
        // a change is served once every transaction older than it has ended, so the feed is read until it is there
        ChangesFeed initial = await().atMost(Duration.ofSeconds(30)).until(() -> sync(f.clientToken(), null, Map.of()), s -> s.ids().size() >= 2);
        assertEquals(List.of(first, second), initial.ids(), "oldest change first, each once");

        given().auth().oauth2(f.clientToken()).when().post("/api/v1/assignments/{id}/acknowledge", first).then().statusCode(200);
        given().auth().oauth2(f.therapistToken()).when().post("/api/v1/assignments/{id}/cancel", second).then().statusCode(200);
        ChangesFeed changed = await().atMost(Duration.ofSeconds(30)).until(() -> sync(f.clientToken(), initial.token(), Map.of()),
                s -> s.ids().size() >= 2);
        assertEquals(List.of(first, second), changed.ids());
        assertEquals(List.of("ACTIVE", "CANCELLED"), changed.items().stream().map(a -> a.get("status")).toList());
        assertEquals(List.of(), sync(f.clientToken(), changed.token(), Map.of()).ids(), "nothing is served twice");

        assertEquals(2, sync(TestTokens.clinicAdmin(f.clinic, UUID.randomUUID()), null, Map.of("clientId", f.client)).ids().size());
        assertEquals(List.of(), sync(TestTokens.therapist(f.clinic, UUID.randomUUID()), null, Map.of()).ids());
        assertEquals(List.of(), sync(TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID()), null, Map.of("clientId", f.client)).ids());
        given().auth().oauth2(f.therapistToken()).queryParam("since", changed.token()).queryParam("clientId", f.client)
                .when().get("/api/v1/assignments/sync").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("since"));
        given().auth().oauth2(f.therapistToken()).queryParam("limit", 101)
                .when().get("/api/v1/assignments/sync").then().statusCode(400).contentType(PROBLEM);
    }

    /** The assignments feed as {@code token}'s holder reads it, a page of one at a time. */
    private static ChangesFeed sync(String token, String since, Map<String, Object> query) {
        return ChangesFeed.read(() -> given().auth().oauth2(token).queryParams(query), "/api/v1/assignments/sync", since, 1);
    }

    @Test
    void theClientSeesTheirAssignmentButOthersDoNot() {
        String id = f.create(f.dailyThoughtRecord());
        given().auth().oauth2(f.clientToken()).when().get("/api/v1/assignments/{id}", id)
                .then().statusCode(200).header("ETag", "\"0\"").body("title", equalTo("Daily thought record"));
        for (String outsider : List.of(TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID()),
                TestTokens.client(f.clinic, UUID.randomUUID()), TestTokens.therapist(f.clinic, UUID.randomUUID()))) {
            given().auth().oauth2(outsider).when().get("/api/v1/assignments/{id}", id)
                    .then().statusCode(404).contentType(PROBLEM);
        }
    }

    @Test
    void aTherapistCannotAssignToAClientOutsideTheirCareTeam() {
        Map<String, Object> body = f.dailyThoughtRecord();
        body.put("clientId", UUID.randomUUID());
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anApiClientAssignsOnBehalfOfANamedTherapistWithTheRightScope() {
        UUID app = UUID.randomUUID();
        Map<String, Object> body = f.dailyThoughtRecord();
        String writer = TestTokens.sign(TestTokens.claims(app).claim("clinic", f.clinic.toString()).claim("scope", "assignments:write"));
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments").then().statusCode(400).body("errors.field", hasItem("therapistId"));
        body.put("therapistId", f.therapist);
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments").then().statusCode(201).body("therapistId", equalTo(f.therapist.toString()));
        String reader = TestTokens.sign(TestTokens.claims(app).claim("clinic", f.clinic.toString()).claim("scope", "progress:read"));
        given().auth().oauth2(reader).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aClientMayNotAssignHomework() {
        given().auth().oauth2(f.clientToken()).contentType(ContentType.JSON).body(f.dailyThoughtRecord())
                .when().post("/api/v1/assignments")
                .then().statusCode(403).contentType(PROBLEM).body("title", equalTo("Forbidden"));
    }

    @Test
    void missingFieldsAreA400NamingThem() {
        Map<String, Object> body = f.dailyThoughtRecord();
        body.remove("rationale");
        body.put("obstacles", List.of(Map.of("copingPlan", "without an obstacle")));
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("rationale")).body("errors.field", hasItem("obstacles[0].obstacle"));
        body = f.dailyThoughtRecord();
        body.put("title", " ");
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("title"));
    }

    @Test
    void unknownPropertiesAreRefused() {
        Map<String, Object> body = f.dailyThoughtRecord();
        body.put("clinicId", UUID.randomUUID());
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("clinicId"));
    }

    @Test
    void malformedJsonAndWrongMediaTypeAreProblems() {
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body("{\"clientId\": ")
                .when().post("/api/v1/assignments").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.TEXT).body("title")
                .when().post("/api/v1/assignments").then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void requestsWithoutAValidTokenAre401Problems() {
        given().when().get("/api/v1/assignments/{id}", UUID.randomUUID())
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
        String token = f.therapistToken();
        String tampered = token.substring(0, token.lastIndexOf('.')) + ".c2lnbmF0dXJl";
        given().auth().oauth2(tampered).when().get("/api/v1/assignments/{id}", UUID.randomUUID())
                .then().statusCode(401).contentType(PROBLEM).body("detail", not(containsString("Exception")));
    }

    @Test
    void unknownPathsAre404Problems() {
        given().when().get("/api/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }
}
