package org.intersession.progress.entry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.event.progress.ProgressRecorded;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.schema.FieldSchema;
import org.intersession.testing.ChangesFeed;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.intersession.platform.tenancy.Tenancy;
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
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
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

    @Inject
    javax.sql.DataSource dataSource;

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
    void anEntryResentWithItsIdempotencyKeyIsAnsweredAgainAndTheKeyBelongsToItsCaller() {
        UUID assignment = published(null);
        String key = "entry-" + UUID.randomUUID();
        Map<String, Object> body = entry(UUID.randomUUID(), assignment, 2, "DONE");
        var first = keyed(key, client, body).then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract();
        keyed(key, client, body).then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location")).header("ETag", first.header("ETag"))
                .body("id", equalTo(first.path("id"))).body("recordedAt", equalTo(first.path("recordedAt")));
        keyed(key, client, entry(UUID.randomUUID(), assignment, 3, "DONE")).then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("Idempotency-Key"));

        UUID otherClient = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        TestEvents.send(Topics.ASSIGNMENT, otherClient.toString(),
                envelope(TestEvents.newAssignment(theirs, clinic, otherClient, therapist, "Thought record", null)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> keyed(key, otherClient, entry(UUID.randomUUID(), theirs, 2, "DONE"))
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()));
    }

    /**
     * PostgreSQL's jsonb keeps object keys in its own order (shorter first), and numbers by value: a resend compares
     * parsed values, so the order an app sends the answers in, or 40 written as 40.0, never makes it a conflict.
     */
    @Test
    void anIdenticalResendIsIdempotentWhateverTheKeyOrderOrNumberFormatting() {
        UUID assignment = published(schema());
        UUID entry = UUID.randomUUID();
        String fields = "\"id\":\"" + entry + "\",\"assignmentId\":\"" + assignment + "\",\"occurrenceKey\":\""
                + TestEvents.dailyOccurrenceKey(3) + "\",\"status\":\"DONE\",\"moodBefore\":4,\"note\":\"After the meeting\"";
        String sent = "{" + fields + ",\"answers\":{\"situation\":\"Team meeting\",\"intensity\":40}}";
        postJson(sent).then().statusCode(201).body("version", equalTo(1));

        postJson(sent).then().statusCode(200).body("id", equalTo(entry.toString())).body("answers.intensity", equalTo(40));
        postJson("{\"answers\":{\"intensity\":40.0,\"situation\":\"Team meeting\"}," + fields + "}").then().statusCode(200);
        postJson("{" + fields + ",\"answers\":{\"situation\":\"Team meeting\",\"intensity\":40,\"unused\":null}}").then().statusCode(200);

        // anything else that differs is another entry under the same id
        postJson("{" + fields + ",\"answers\":{\"situation\":\"Team meeting\",\"intensity\":45}}").then().statusCode(409).contentType(PROBLEM);
        postJson("{" + fields + ",\"answers\":{\"situation\":\"Team meeting\",\"intensity\":\"40\"}}").then().statusCode(409);
        postJson("{" + fields.replace("\"moodBefore\":4", "\"moodBefore\":5")
                + ",\"answers\":{\"situation\":\"Team meeting\",\"intensity\":40}}").then().statusCode(409);
    }

    @Test
    void aNullAnswerIsNoAnswerAndIsNotKept() {
        UUID assignment = published(schema());
        Map<String, Object> answers = new HashMap<>();
        answers.put("situation", null);
        answers.put("intensity", 20);
        Map<String, Object> body = entry(UUID.randomUUID(), assignment, 4, "PARTIAL");
        body.put("answers", answers);
        post(body).then().statusCode(201).body("answers.intensity", equalTo(20)).body("answers", not(hasKey("situation")));
        post(body).then().statusCode(200).body("answers", not(hasKey("situation")));
    }

    /** An app that resends what it first sent, after the client corrected the entry elsewhere, gets the current entry. */
    @Test
    void aResendOfTheFirstStateAfterAnAmendmentAnswersTheCurrentEntry() {
        UUID assignment = published(schema());
        UUID entry = UUID.randomUUID();
        Map<String, Object> body = entry(entry, assignment, 2, "PARTIAL");
        body.put("answers", Map.of("intensity", 30));
        post(body).then().statusCode(201);
        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("status", "DONE", "answers", Map.of("situation", "Bus", "intensity", 35)))
                .when().put("/api/v1/progress-entries/{id}", entry).then().statusCode(200);

        post(body).then().statusCode(200).body("version", equalTo(2)).body("status", equalTo("DONE"));
        body.put("answers", Map.of("intensity", 31));
        post(body).then().statusCode(409);
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

        assertTrue(Tenancy.inClinic(clinic, () -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from progress_entry_revision where entry_id = :id and state ->> 'status' = 'PARTIAL'")
                .setParameter("id", entry).getSingleResult()).intValue() == 1)), "the first state is kept");
        assertFalse(TopicProbe.await(Topics.PROGRESS, v -> v.contains("flagged") && v.contains(entry.toString()), Duration.ofSeconds(30)).isEmpty());
        assertFalse(TopicProbe.await(Topics.PROGRESS, v -> v.contains("progress.amended") && v.contains(entry.toString()), Duration.ofSeconds(30)).isEmpty());
    }

    @Test
    void entriesAreListedNewestFirstWithinWhatTheCallerMaySee() {
        UUID assignment = published(null);
        UUID other = published(null);
        UUID fifth = UUID.randomUUID();
        Map<String, Object> withNote = entry(fifth, assignment, 5, "DONE");
        withNote.put("note", "Only for me");
        withNote.put("notePrivate", true);
        post(withNote).then().statusCode(201);
        UUID fourth = UUID.randomUUID();
        post(entry(fourth, other, 4, "DONE")).then().statusCode(201);

        JsonPath firstPage = list(TestTokens.client(clinic, client), Map.of("limit", 2));
        assertEquals(List.of(fourth.toString(), fifth.toString()), firstPage.getList("items.id"));
        assertEquals("Only for me", firstPage.getString("items[1].note"), "a client reads their own private note");
        JsonPath secondPage = list(TestTokens.client(clinic, client), Map.of("limit", 2, "cursor", firstPage.getString("nextCursor")));
        assertEquals(2, secondPage.getList("items").size());
        assertEquals(null, secondPage.getString("nextCursor"));
        assertEquals(List.of(fifth.toString()), list(TestTokens.client(clinic, client), Map.of("assignmentId", assignment, "limit", 1))
                .getList("items.id"));

        String admin = TestTokens.clinicAdmin(clinic, UUID.randomUUID());
        JsonPath clinicWide = list(admin, Map.of("clientId", client));
        assertEquals(4, clinicWide.getList("items").size());
        assertEquals(null, clinicWide.getString("items.find { it.id == '" + fifth + "' }.note"), "nobody else reads a private note");
        assertEquals(true, clinicWide.getBoolean("items.find { it.id == '" + fifth + "' }.hasNote"));
        assertEquals(List.of(), list(TestTokens.therapist(clinic, therapist), Map.of()).getList("items"));
        assertEquals(List.of(), list(TestTokens.client(clinic, UUID.randomUUID()), Map.of("clientId", client)).getList("items"));
        assertEquals(List.of(), list(TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID()), Map.of("clientId", client)).getList("items"));
        TestEvents.careTeamLinked(clinic, client, therapist);
        await().atMost(Duration.ofSeconds(30)).until(() -> list(TestTokens.therapist(clinic, therapist), Map.of()).getList("items").size() == 4);
        given().auth().oauth2(admin).queryParam("limit", 101).when().get("/api/v1/progress-entries")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void theSyncFeedServesEachRecordedOrAmendedEntryOnceInItsCurrentState() {
        UUID assignment = published(null);
        UUID fifth = UUID.randomUUID();
        post(entry(fifth, assignment, 5, "PARTIAL")).then().statusCode(201);
        UUID fourth = UUID.randomUUID();
        post(entry(fourth, assignment, 4, "DONE")).then().statusCode(201);

        ChangesFeed first = await().atMost(Duration.ofSeconds(30)).until(() -> sync(null), s -> ids(s).containsAll(List.of(fifth, fourth)));
        assertEquals(3, ids(first).size(), "the three entries, each once: " + ids(first));
        assertEquals(List.of(fifth, fourth), ids(first).subList(1, 3), "oldest change first");

        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("status", "DONE")).when().put("/api/v1/progress-entries/{id}", fifth).then().statusCode(200);
        ChangesFeed second = await().atMost(Duration.ofSeconds(30)).until(() -> sync(first.token()), s -> !s.items().isEmpty());
        assertEquals(List.of(fifth), ids(second));
        assertEquals(2, second.items().get(0).get("version"));
        assertEquals("DONE", second.items().get(0).get("status"));
        assertEquals(List.of(), ids(sync(second.token())), "nothing is served twice");

        given().auth().oauth2(TestTokens.client(clinic, client)).queryParam("since", "not-a-token")
                .when().get("/api/v1/progress-entries/sync").then().statusCode(400).body("errors[0].field", equalTo("since"));
        given().auth().oauth2(TestTokens.client(clinic, client)).queryParam("since", second.token()).queryParam("assignmentId", assignment)
                .when().get("/api/v1/progress-entries/sync").then().statusCode(400).body("errors[0].field", equalTo("since"));
        given().auth().oauth2(TestTokens.client(clinic, UUID.randomUUID())).when().get("/api/v1/progress-entries/sync")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(0)).body("hasMore", equalTo(false));
    }

    /**
     * Why the feed orders by transaction and stops at the oldest one still running: an entry whose transaction began
     * first but commits last must still be served, after the reader has passed everything that committed before it.
     */
    @Test
    void anEntryCommittedAfterALaterOneIsServedNotSkipped() throws Exception {
        UUID assignment = published(null);
        String token = await().atMost(Duration.ofSeconds(30)).until(() -> sync(null), s -> ids(s).size() == 1).token();
        UUID slow = UUID.randomUUID();
        UUID quick = UUID.randomUUID();
        try (java.sql.Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                    insert into progress_entry (id, clinic_id, client_id, assignment_id, status, recorded_at, occurrence_key)
                    values (?, ?, ?, ?, 'DONE', now(), ?)""")) {
                insert.setObject(1, slow);
                insert.setObject(2, clinic);
                insert.setObject(3, client);
                insert.setObject(4, assignment);
                insert.setString(5, TestEvents.dailyOccurrenceKey(5));
                insert.executeUpdate();
            }
            post(entry(quick, assignment, 4, "DONE")).then().statusCode(201);
            // the quick entry has committed, but a transaction older than it has not: it waits
            ChangesFeed during = sync(token);
            assertFalse(ids(during).contains(quick), "served before an older transaction ended");
            assertFalse(ids(during).contains(slow));
            connection.commit();
            ChangesFeed after = await().atMost(Duration.ofSeconds(30)).until(() -> sync(during.token()), s -> ids(s).size() == 2);
            assertEquals(List.of(slow, quick), ids(after), "both, in the order their transactions began");
        }
    }

    private static List<UUID> ids(ChangesFeed feed) {
        return feed.ids().stream().map(UUID::fromString).toList();
    }

    /** This client's entries feed, a page of one at a time. */
    private ChangesFeed sync(String since) {
        return ChangesFeed.read(() -> given().auth().oauth2(TestTokens.client(clinic, client)), "/api/v1/progress-entries/sync", since, 1);
    }

    private static JsonPath list(String token, Map<String, Object> query) {
        return given().auth().oauth2(token).queryParams(query).when().get("/api/v1/progress-entries")
                .then().statusCode(200).extract().jsonPath();
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

    private io.restassured.response.Response postJson(String body) {
        return given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/progress-entries");
    }

    private io.restassured.response.Response keyed(String key, UUID clientId, Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.client(clinic, clientId)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/progress-entries");
    }

    private io.restassured.response.Response post(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/progress-entries");
    }
}
