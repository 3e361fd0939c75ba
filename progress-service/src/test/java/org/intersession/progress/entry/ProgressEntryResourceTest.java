package org.intersession.progress.entry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class ProgressEntryResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EventCodec codec;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @Test
    void aClientLogsProgressOnceTheAssignmentEventArrived() {
        UUID assignment = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        Map<String, Object> body = Map.of("id", entry, "assignmentId", assignment, "status", "DONE", "note", "Felt calmer");

        post(body).then().statusCode(404).contentType(PROBLEM);

        publishAssignmentCreated(assignment);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> post(body).then().statusCode(201));

        // the therapist sees it once the identity events say the client is in their care team
        given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .when().get("/api/v1/progress-entries/{id}", entry)
                .then().statusCode(404);
        TestEvents.careTeamLinked(clinic, client, therapist);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .when().get("/api/v1/progress-entries/{id}", entry)
                .then().statusCode(200).body("status", equalTo("DONE")));
        assertFalse(TopicProbe.await(Topics.PROGRESS, value -> value.contains(entry.toString()), Duration.ofSeconds(30)).isEmpty(),
                "progress.recorded reached Kafka");
    }

    @Test
    void resubmittingTheSameEntryIsIdempotentAndOtherContentConflicts() {
        UUID assignment = UUID.randomUUID();
        publishAssignmentCreated(assignment);
        UUID entry = UUID.randomUUID();
        Map<String, Object> body = Map.of("id", entry, "assignmentId", assignment, "status", "PARTIAL");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> post(body).then().statusCode(201));

        post(body).then().statusCode(200).body("id", equalTo(entry.toString()));
        post(Map.of("id", entry, "assignmentId", assignment, "status", "DONE"))
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aRedeliveredEventIsHarmless() {
        UUID assignment = UUID.randomUUID();
        String event = assignmentCreated(assignment);
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), event);
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), event);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                post(Map.of("id", UUID.randomUUID(), "assignmentId", assignment, "status", "DONE")).then().statusCode(201));
        // the duplicate must not have failed into the dead-letter topic either
        org.junit.jupiter.api.Assertions.assertTrue(TopicProbe.await("intersession.dlq.progress-service", value -> value.contains(assignment.toString()),
                Duration.ofSeconds(3)).isEmpty(), "a duplicate is not a failure");
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndLaterEventsStillApply() {
        String marker = "poison-" + UUID.randomUUID();
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), "{\"not\": \"a cloud event\", \"marker\": \"" + marker + "\"}");
        UUID assignment = UUID.randomUUID();
        publishAssignmentCreated(assignment);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                post(Map.of("id", UUID.randomUUID(), "assignmentId", assignment, "status", "SKIPPED")).then().statusCode(201));
        assertFalse(TopicProbe.await("intersession.dlq.progress-service", value -> value.contains(marker), Duration.ofSeconds(30)).isEmpty(),
                "the malformed record landed on the dead-letter topic");
    }

    @Test
    void anInvalidStatusNamesTheField() {
        post(Map.of("id", UUID.randomUUID(), "assignmentId", UUID.randomUUID(), "status", "FINISHED"))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("status"));
    }

    @Test
    void aTherapistMayNotLogProgress() {
        given().auth().oauth2(TestTokens.therapist(clinic, therapist)).contentType(ContentType.JSON)
                .body(Map.of("id", UUID.randomUUID(), "assignmentId", UUID.randomUUID(), "status", "DONE"))
                .when().post("/api/v1/progress-entries")
                .then().statusCode(403).contentType(PROBLEM);
    }

    private io.restassured.response.Response post(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/progress-entries");
    }

    private void publishAssignmentCreated(UUID assignment) {
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), assignmentCreated(assignment));
    }

    private String assignmentCreated(UUID assignment) {
        AssignmentSnapshot data = TestEvents.newAssignment(assignment, clinic, client, therapist, "Thought record");
        return codec.write(new CloudEvent(UUID.randomUUID().toString(), "/intersession/assignment-service",
                CloudEvent.SPEC_VERSION, AssignmentSnapshot.CREATED, "assignments/" + assignment, OffsetDateTime.now(ZoneOffset.UTC),
                CloudEvent.JSON, codec.tree(data)));
    }
}
