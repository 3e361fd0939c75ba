package org.intersession.progress.summary;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReviewRecorded;
import org.intersession.platform.schema.FieldSchema;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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

@QuarkusTest
class SummaryResourceTest {

    @Inject
    EventCodec codec;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @Test
    void thePreSessionSummaryBundlesTheWeekSinceTheLastReview() {
        UUID assignment = UUID.randomUUID();
        FieldSchema schema = mapper.convertValue(Map.of("fields", List.of(
                Map.of("key", "intensity", "label", "Intensity", "type", "scale", "required", true, "min", 0, "max", 100,
                        "alert", Map.of("operator", "at_least", "value", 80, "message", "Very intense")))), FieldSchema.class);
        send(AssignmentSnapshot.CREATED, TestEvents.newAssignment(assignment, clinic, client, therapist, "Thought record", schema));
        TestEvents.careTeamLinked(clinic, client, therapist);
        LocalDate lastSession = LocalDate.now(ZoneOffset.UTC).minusDays(6);
        send(ReviewRecorded.TYPE, new ReviewRecorded(UUID.randomUUID(), clinic, client, therapist, lastSession, List.of(),
                OffsetDateTime.now(ZoneOffset.UTC)));

        log(entry(assignment, 6, "DONE", Map.of("intensity", 90), "Hard day at work", false, 3, 5));
        log(entry(assignment, 5, "SKIPPED", Map.of(), null, false, null, null));
        log(entry(assignment, 4, "DONE", Map.of("intensity", 40), "Only for me", true, 4, 7));
        // an entry from before the last session is not part of the summary
        log(entry(assignment, 7, "DONE", Map.of("intensity", 10), "Old news", false, null, null));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .when().get("/api/v1/clients/{id}/pre-session-summary", client)
                .then().statusCode(200)
                .body("since", equalTo(lastSession.toString()))
                .body("sinceLastReview", equalTo(true))
                .body("assignments", hasSize(1))
                .body("assignments[0].adherence.done", equalTo(2))
                .body("assignments[0].adherence.skipped", equalTo(1))
                .body("assignments[0].skipReasons.FORGOT", equalTo(1))
                .body("assignments[0].sharedNotes.note", contains("Hard day at work"))
                .body("assignments[0].flags", hasSize(1))
                .body("assignments[0].flags[0].message", equalTo("Very intense"))
                .body("assignments[0].trends.find { it.key == 'answers.intensity' }.first", equalTo(90.0f))
                .body("assignments[0].trends.find { it.key == 'answers.intensity' }.last", equalTo(40.0f))
                .body("assignments[0].trends.find { it.key == 'answers.intensity' }.mean", equalTo(65.0f))
                .body("assignments[0].trends.find { it.key == 'moodAfter' }.max", equalTo(7.0f)));

        given().auth().oauth2(TestTokens.therapist(clinic, UUID.randomUUID()))
                .when().get("/api/v1/clients/{id}/pre-session-summary", client).then().statusCode(404);
        given().auth().oauth2(TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID()))
                .when().get("/api/v1/clients/{id}/pre-session-summary", client).then().statusCode(404);
        given().auth().oauth2(TestTokens.client(clinic, client))
                .when().get("/api/v1/clients/{id}/pre-session-summary", client).then().statusCode(403);
        given().auth().oauth2(TestTokens.client(clinic, client))
                .queryParam("from", lastSession.toString())
                .when().get("/api/v1/trends/assignments/{id}", assignment)
                .then().statusCode(200).body("find { it.key == 'answers.intensity' }.points.value", contains(90.0f, 40.0f));
    }

    private Map<String, Object> entry(UUID assignment, int daysAgo, String status, Map<String, Object> answers, String note,
                                      boolean notePrivate, Integer moodBefore, Integer moodAfter) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", UUID.randomUUID());
        body.put("assignmentId", assignment);
        body.put("occurrenceKey", TestEvents.dailyOccurrenceKey(daysAgo));
        body.put("status", status);
        body.put("answers", answers);
        body.put("note", note);
        body.put("notePrivate", notePrivate);
        body.put("moodBefore", moodBefore);
        body.put("moodAfter", moodAfter);
        if (status.equals("SKIPPED")) {
            body.put("skipReason", "FORGOT");
        }
        return body;
    }

    private void log(Map<String, Object> body) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.client(clinic, client))
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/progress-entries").then().statusCode(201));
    }

    private void send(String type, Object data) {
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), codec.write(new CloudEvent(UUID.randomUUID().toString(),
                "/intersession/assignment-service", CloudEvent.SPEC_VERSION, type, "test", OffsetDateTime.now(ZoneOffset.UTC),
                CloudEvent.JSON, codec.tree(data))));
    }
}
