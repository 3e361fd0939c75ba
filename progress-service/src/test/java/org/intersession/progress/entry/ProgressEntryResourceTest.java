package org.intersession.progress.entry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.event.progress.ProgressRecorded;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.schema.FieldSchema;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ProgressEntryResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    EventCodec codec;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @Test
    void aClientLogsAnOccurrenceOnceTheAssignmentArrivedAndLateEntriesAreMarked() {
        UUID assignment = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        Map<String, Object> body = entry(entry, assignment, 3, "DONE");
        body.put("note", "Felt calmer");

        post(body).then().statusCode(404).contentType(PROBLEM);
        publish(assignment, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> post(body).then().statusCode(201).body("late", equalTo(true)));

        // the therapist sees it once the identity events say the client is in their care team
        given().auth().oauth2(TestTokens.therapist(clinic, therapist)).when().get("/api/v1/progress-entries/{id}", entry)
                .then().statusCode(404);
        TestEvents.careTeamLinked(clinic, client, therapist);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .when().get("/api/v1/progress-entries/{id}", entry)
                .then().statusCode(200).body("status", equalTo("DONE")).body("note", equalTo("Felt calmer")));
        assertFalse(TopicProbe.await(Topics.PROGRESS, value -> value.contains(entry.toString()), Duration.ofSeconds(30)).isEmpty(),
                "progress.recorded reached Kafka");
    }

    @Test
    void resubmittingTheSameEntryIsIdempotentAndConflictsAreRefused() {
        UUID assignment = published(null);
        UUID entry = UUID.randomUUID();
        Map<String, Object> body = entry(entry, assignment, 2, "PARTIAL");
        post(body).then().statusCode(201);
        post(body).then().statusCode(200).body("id", equalTo(entry.toString()));
        post(entry(entry, assignment, 2, "DONE")).then().statusCode(409).contentType(PROBLEM);
        post(entry(UUID.randomUUID(), assignment, 2, "DONE")).then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("occurrence"));
    }

    @Test
    void answersAreCheckedAgainstThePinnedSchemaFieldByField() {
        UUID assignment = published(schema());
        Map<String, Object> body = entry(UUID.randomUUID(), assignment, 2, "DONE");
        body.put("answers", Map.of("situation", "", "intensity", 140, "unexpected", "x"));
        post(body).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("answers.situation"))
                .body("errors.field", hasItem("answers.intensity"))
                .body("errors.field", hasItem("answers.unexpected"));

        Map<String, Object> partial = entry(UUID.randomUUID(), assignment, 2, "PARTIAL");
        partial.put("answers", Map.of("intensity", 40));
        post(partial).then().statusCode(201);
    }

    @Test
    void aRatingIsRefusedRatherThanRoundedTruncatedOrConvertedAndNothingIsStored() {
        UUID assignment = published(schema());
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("\"distressBefore\":1.5", "distressBefore");
        refused.put("\"moodBefore\":1e-400", "moodBefore");
        refused.put("\"moodAfter\":3.0", "moodAfter");
        refused.put("\"distressAfter\":\"30\"", "distressAfter");
        refused.put("\"minutesSpent\":3000000000", "minutesSpent");
        refused.put("\"minutesSpent\":1e400", "minutesSpent");
        refused.put("\"notePrivate\":1", "notePrivate");
        refused.put("\"status\":0", "status");
        refused.put("\"completedAt\":1700000000", "completedAt");
        refused.put("\"answers\":{\"situation\":\"Bus\",\"intensity\":40.5}", "answers.intensity");
        refused.put("\"answers\":{\"situation\":\"Bus\",\"intensity\":40.0}", "answers.intensity");
        refused.put("\"answers\":{\"situation\":\"Bus\",\"intensity\":1e-400}", "answers.intensity");
        refused.forEach((property, field) -> {
            UUID id = UUID.randomUUID();
            String body = "{\"id\":\"" + id + "\",\"assignmentId\":\"" + assignment + "\",\"occurrenceKey\":\""
                    + TestEvents.dailyOccurrenceKey(2) + "\"," + (property.startsWith("\"status\"") ? "" : "\"status\":\"PARTIAL\",")
                    + property + "}";
            given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/progress-entries")
                    .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field));
            given().auth().oauth2(TestTokens.client(clinic, client)).when().get("/api/v1/progress-entries/{id}", id)
                    .then().statusCode(404);
        });
    }

    @Test
    void anOfflineResubmissionWithADecimalAnswerIsTheSameEntry() {
        UUID assignment = published(mapper.convertValue(Map.of("fields", List.of(Map.of("key", "hours", "label", "Hours slept",
                "type", "decimal", "min", 0, "max", 24, "step", 0.25))), FieldSchema.class));
        String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"assignmentId\":\"" + assignment + "\",\"occurrenceKey\":\""
                + TestEvents.dailyOccurrenceKey(2) + "\",\"status\":\"DONE\",\"answers\":{\"hours\":7.50}}";
        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/progress-entries").then().statusCode(201).body("answers.hours", equalTo(7.5f));
        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/progress-entries").then().statusCode(200);
    }

    @Test
    void aPropertyGivenTwiceIsRefusedNamingItAndNothingIsStored() {
        UUID assignment = published(schema());
        UUID id = UUID.randomUUID();
        String head = "{\"id\":\"" + id + "\",\"assignmentId\":\"" + assignment + "\",\"occurrenceKey\":\""
                + TestEvents.dailyOccurrenceKey(2) + "\",";
        for (Map.Entry<String, String> twice : Map.of(
                "\"status\":\"DONE\",\"status\":\"SKIPPED\",\"skipReason\":\"NO_TIME\"}", "status",
                "\"status\":\"DONE\",\"answers\":{\"situation\":\"Bus\",\"intensity\":10,\"intensity\":95}}", "answers.intensity")
                .entrySet()) {
            given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).body(head + twice.getKey())
                    .when().post("/api/v1/progress-entries")
                    .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(twice.getValue()))
                    .body("errors.message", hasItem("appears more than once"));
        }
        given().auth().oauth2(TestTokens.client(clinic, client)).when().get("/api/v1/progress-entries/{id}", id)
                .then().statusCode(404);
    }

    @Test
    void anAnswerCrossingTheAlertRuleIsFlaggedAtOnce() {
        UUID assignment = published(schema());
        UUID entry = UUID.randomUUID();
        Map<String, Object> body = entry(entry, assignment, 1, "DONE");
        body.put("answers", Map.of("situation", "Crowded train", "intensity", 90));
        post(body).then().statusCode(201);
        assertTrue(TopicProbe.await(Topics.PROGRESS, v -> v.contains("org.intersession.progress.flagged.v1") && v.contains(entry.toString())
                && v.contains("\"fieldKey\":\"intensity\""), Duration.ofSeconds(30)).size() == 1, "one flag for the one crossing answer");

        UUID calm = UUID.randomUUID();
        Map<String, Object> fine = entry(calm, assignment, 2, "DONE");
        fine.put("answers", Map.of("situation", "Quiet morning", "intensity", 20));
        post(fine).then().statusCode(201);
        assertTrue(TopicProbe.await(Topics.PROGRESS, v -> v.contains("flagged") && v.contains(calm.toString()), Duration.ofSeconds(3)).isEmpty());
    }

    @Test
    void anAmendmentKeepsTheEarlierStateAndMayRaiseAFlag() {
        UUID assignment = published(schema());
        UUID entry = UUID.randomUUID();
        Map<String, Object> body = entry(entry, assignment, 1, "PARTIAL");
        body.put("answers", Map.of("intensity", 30));
        post(body).then().statusCode(201).body("version", equalTo(1));

        Map<String, Object> correction = new HashMap<>(Map.of("status", "DONE",
                "answers", Map.of("situation", "Argument at home", "intensity", 85)));
        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).body(correction)
                .when().put("/api/v1/progress-entries/{id}", entry).then().statusCode(428);
        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(correction)
                .when().put("/api/v1/progress-entries/{id}", entry)
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2)).body("status", equalTo("DONE"));
        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(correction)
                .when().put("/api/v1/progress-entries/{id}", entry).then().statusCode(412);
        given().auth().oauth2(TestTokens.client(clinic, UUID.randomUUID())).contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(correction).when().put("/api/v1/progress-entries/{id}", entry).then().statusCode(404);

        assertTrue(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from progress_entry_revision where entry_id = :id and state ->> 'status' = 'PARTIAL'")
                .setParameter("id", entry).getSingleResult()).intValue() == 1), "the first state is kept");
        assertFalse(TopicProbe.await(Topics.PROGRESS, v -> v.contains("flagged") && v.contains(entry.toString()), Duration.ofSeconds(30)).isEmpty());
        assertFalse(TopicProbe.await(Topics.PROGRESS, v -> v.contains("progress.amended") && v.contains(entry.toString()), Duration.ofSeconds(30)).isEmpty());
    }

    @Test
    void aSkipNeedsAReasonAndCarriesNoAnswers() {
        UUID assignment = published(null);
        Map<String, Object> skip = entry(UUID.randomUUID(), assignment, 4, "SKIPPED");
        post(skip).then().statusCode(400).body("errors.field", hasItem("skipReason"));
        skip.put("skipReason", "NO_TIME");
        skip.put("skipReasonText", "Double shift");
        post(skip).then().statusCode(201).body("skipReason", equalTo("NO_TIME"));
    }

    @Test
    void aPrivateNoteIsHiddenFromTheTherapist() {
        UUID assignment = published(null);
        TestEvents.careTeamLinked(clinic, client, therapist);
        UUID entry = UUID.randomUUID();
        Map<String, Object> body = entry(entry, assignment, 5, "DONE");
        body.put("note", "Something I am not ready to share");
        body.put("notePrivate", true);
        body.put("moodBefore", 3);
        body.put("moodAfter", 6);
        post(body).then().statusCode(201).body("note", equalTo("Something I am not ready to share"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .when().get("/api/v1/progress-entries/{id}", entry)
                .then().statusCode(200).body("note", nullValue()).body("hasNote", equalTo(true)).body("moodAfter", equalTo(6)));
    }

    @Test
    void occurrencesOutsideTheScheduleOrNotYetOpenAreRefused() {
        UUID assignment = published(null);
        Map<String, Object> body = entry(UUID.randomUUID(), assignment, 2, "DONE");
        body.put("occurrenceKey", TestEvents.dailyOccurrenceKey(2).replace("T20:00", "T09:00"));
        post(body).then().statusCode(400).body("errors.field", hasItem("occurrenceKey"));
        body.put("occurrenceKey", TestEvents.dailyOccurrenceKey(-3));
        post(body).then().statusCode(400).body("errors.field", hasItem("occurrenceKey"));
    }

    @Test
    void completedAtJudgesLatenessByWhenTheClientDidItAndTravelsWithTheEvent() {
        UUID assignment = published(null);
        // a daily 20:00 occurrence in Berlin is open from 12 hours before it is due to 12 hours after
        OffsetDateTime doneInTime = dueAt(3).plusMinutes(45);
        UUID onTime = UUID.randomUUID();
        Map<String, Object> synced = entry(onTime, assignment, 3, "DONE");
        synced.put("completedAt", doneInTime.toString());
        String shown = post(synced).then().statusCode(201).body("late", equalTo(false)).extract().path("completedAt");
        assertEquals(doneInTime.toInstant(), OffsetDateTime.parse(shown).toInstant());
        post(synced).then().statusCode(200).body("late", equalTo(false));

        Map<String, Object> caughtUp = entry(UUID.randomUUID(), assignment, 4, "DONE");
        caughtUp.put("completedAt", dueAt(4).plusHours(13).toString());
        post(caughtUp).then().statusCode(201).body("late", equalTo(true));
        // without completedAt, today's behaviour: judged by when the entry arrived
        post(entry(UUID.randomUUID(), assignment, 5, "DONE")).then().statusCode(201).body("late", equalTo(true)).body("completedAt", nullValue());

        List<ConsumerRecord<String, String>> events = TopicProbe.await(Topics.PROGRESS,
                v -> v.contains(ProgressRecorded.TYPE) && v.contains(onTime.toString()), Duration.ofSeconds(30));
        assertEquals(1, events.size());
        ProgressRecorded recorded = codec.data(codec.parse(events.get(0).value()), ProgressRecorded.class);
        assertFalse(recorded.late());
        assertEquals(doneInTime.toInstant(), recorded.completedAt().toInstant());
    }

    @Test
    void aCompletedAtInTheFutureBeforeTheWindowOrNotATimeIsRefusedByField() {
        UUID assignment = published(null);
        Map<String, Object> body = entry(UUID.randomUUID(), assignment, 2, "DONE");
        for (String wrong : List.of(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString(), dueAt(2).minusHours(13).toString(),
                "yesterday evening", "2026-11-20T20:00")) {
            body.put("completedAt", wrong);
            post(body).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("completedAt"));
        }
        // a phone whose clock runs a little fast is believed; this occurrence's window closed a day ago
        body.put("completedAt", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(2).toString());
        post(body).then().statusCode(201).body("late", equalTo(true));
    }

    @Test
    void aCompletedAtOlderThanTheMaximumAgeIsRefusedButTheEntryMayStillBeLoggedLate() {
        UUID assignment = UUID.randomUUID();
        Schedule sinceTwoMonths = new Schedule(Schedule.Type.RECURRING, null, LocalDate.now().minusDays(60).atTime(20, 0), "FREQ=DAILY",
                List.of(), null, null);
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), envelope(new AssignmentSnapshot(assignment, clinic, client, therapist,
                "Thought record", "ASSIGNED", "Europe/Berlin", sinceTwoMonths, ReminderPolicy.DEFAULT, null, 0, OffsetDateTime.now(ZoneOffset.UTC))));
        Map<String, Object> body = entry(UUID.randomUUID(), assignment, 40, "DONE");
        body.put("completedAt", dueAt(40).plusHours(1).toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> post(body).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("completedAt")));
        body.remove("completedAt");
        post(body).then().statusCode(201).body("late", equalTo(true));
    }

    @Test
    void aRedeliveredEventIsHarmlessAndAPoisonEventGoesToTheDeadLetterTopic() {
        String marker = "poison-" + UUID.randomUUID();
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), "{\"not\": \"a cloud event\", \"marker\": \"" + marker + "\"}");
        UUID assignment = UUID.randomUUID();
        String event = envelope(assignment, null);
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), event);
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), event);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                post(entry(UUID.randomUUID(), assignment, 1, "DONE")).then().statusCode(201));
        assertFalse(TopicProbe.await("intersession.dlq.progress-service", value -> value.contains(marker), Duration.ofSeconds(30)).isEmpty(),
                "the malformed record landed on the dead-letter topic");
        assertTrue(TopicProbe.await("intersession.dlq.progress-service", value -> value.contains(assignment.toString()),
                Duration.ofSeconds(3)).isEmpty(), "a duplicate is not a failure");
    }

    @Test
    void aTherapistMayNotLogProgress() {
        given().auth().oauth2(TestTokens.therapist(clinic, therapist)).contentType(ContentType.JSON)
                .body(entry(UUID.randomUUID(), UUID.randomUUID(), 1, "DONE"))
                .when().post("/api/v1/progress-entries")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void anInvalidStatusNamesTheField() {
        post(entry(UUID.randomUUID(), UUID.randomUUID(), 1, "FINISHED"))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("status"));
    }

    private FieldSchema schema() {
        return mapper.convertValue(Map.of("fields", List.of(
                Map.of("key", "situation", "label", "Situation", "type", "text", "required", true),
                Map.of("key", "intensity", "label", "Intensity", "type", "scale", "required", true, "min", 0, "max", 100,
                        "alert", Map.of("operator", "at_least", "value", 80, "message", "Very intense")))), FieldSchema.class);
    }

    private UUID published(FieldSchema schema) {
        UUID assignment = UUID.randomUUID();
        publish(assignment, schema);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                post(entry(UUID.randomUUID(), assignment, 6, schema == null ? "DONE" : "PARTIAL")).statusCode() == 201);
        return assignment;
    }

    private void publish(UUID assignment, FieldSchema schema) {
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), envelope(assignment, schema));
    }

    private String envelope(UUID assignment, FieldSchema schema) {
        return envelope(TestEvents.newAssignment(assignment, clinic, client, therapist, "Thought record", schema));
    }

    private String envelope(AssignmentSnapshot data) {
        UUID assignment = data.assignmentId();
        return codec.write(new CloudEvent(UUID.randomUUID().toString(), "/intersession/assignment-service",
                CloudEvent.SPEC_VERSION, AssignmentSnapshot.CREATED, "assignments/" + assignment, OffsetDateTime.now(ZoneOffset.UTC),
                CloudEvent.JSON, codec.tree(data)));
    }

    /** When the daily occurrence of {@link TestEvents#dailyOccurrenceKey} is due. */
    private static OffsetDateTime dueAt(int daysAgo) {
        return LocalDate.now().minusDays(daysAgo).atTime(20, 0).atZone(ZoneId.of("Europe/Berlin")).toOffsetDateTime();
    }

    private static Map<String, Object> entry(UUID id, UUID assignment, int daysAgo, String status) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("assignmentId", assignment);
        body.put("occurrenceKey", TestEvents.dailyOccurrenceKey(daysAgo));
        body.put("status", status);
        return body;
    }

    private io.restassured.response.Response post(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/progress-entries");
    }
}
