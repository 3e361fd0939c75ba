package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.intersession.testing.ChangesFeed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client's phone app, offline for a week, through the gateway only: it logs five occurrences while offline,
 * reconnects and sends three before the connection drops without an answer, then sends all five again, its JSON
 * written differently (keys in another order, the time in another offset), and reconciles with the three changes feeds. Nothing is
 * duplicated, nothing is missing, every occurrence has the right outcome; later changes come through the feeds once.
 */
class OfflineSyncIT {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Duration EVENTUAL = Duration.ofSeconds(60);

    private static RunningStack platform;

    @BeforeAll
    static void startPlatform() {
        platform = RunningStack.get();
    }

    @Test
    void anAppThatLoggedOfflineResendsEverythingAndReconcilesWithTheFeeds() {
        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person therapist = clinic.therapist();
        ClinicApi.Person client = clinic.client(ZONE.getId());
        clinic.link(client, therapist);
        LocalDate today = LocalDate.now(ZONE);
        String assignmentId = assign(clinic, therapist, client, today.minusDays(6));

        // the app's first sync finds the homework; the client acknowledges it and reads its occurrences
        ChangesFeed assignments = await().atMost(EVENTUAL).until(() -> read(clinic, client, "/api/v1/assignments/sync", null),
                feed -> feed.ids().contains(assignmentId));
        assertEquals(1, assignments.items().size());
        clinic.as(client).when().post("/api/v1/assignments/{id}/acknowledge", assignmentId).then().statusCode(200);
        JsonPath occurrences = occurrences(clinic, client, assignmentId, today);
        assertEquals(keys(today, 6, -1), occurrences.getList("items.key"));

        // offline: five days logged on the phone, each with when it was done
        List<Map<String, Object>> offline = new ArrayList<>();
        offline.add(done(assignmentId, occurrences, today, 5, 40));
        offline.add(done(assignmentId, occurrences, today, 4, 55));
        offline.add(done(assignmentId, occurrences, today, 3, 35));
        offline.add(skipped(assignmentId, occurrences, today, 2));
        Map<String, Object> partial = done(assignmentId, occurrences, today, 1, 60);
        partial.put("status", "PARTIAL");
        offline.add(partial);

        // back online: three reach the server, but the connection drops before the app hears back
        for (Map<String, Object> entry : offline.subList(0, 3)) {
            send(clinic, client, entry).then().statusCode(201);
        }
        // so the app sends its whole queue again, serialised anew: keys in reverse order, times in UTC
        Map<UUID, Integer> answered = new LinkedHashMap<>();
        for (Map<String, Object> entry : offline) {
            Response response = send(clinic, client, rewritten(entry));
            answered.put(UUID.fromString((String) entry.get("id")), response.statusCode());
            assertEquals(entry.get("id"), response.path("id"), "the answer is the app's own entry");
            assertEquals(entry.get("status"), response.path("status"));
        }
        assertEquals(List.of(200, 200, 200, 201, 201), List.copyOf(answered.values()), "stored ones answer 200, new ones 201");

        // reconcile: every entry once, as sent, none missing
        ChangesFeed entries = await().atMost(EVENTUAL).until(() -> read(clinic, client, "/api/v1/progress-entries/sync", null),
                feed -> feed.items().size() >= 5);
        assertEquals(Set.copyOf(answered.keySet().stream().map(UUID::toString).toList()), Set.copyOf(entries.ids()));
        assertEquals(5, entries.items().size(), "no entry twice: " + entries.ids());
        for (Map<String, Object> item : entries.items()) {
            assertEquals(false, item.get("late"), "judged by when it was done, not when it was synced: " + item);
            assertEquals(1, item.get("version"));
        }
        clinic.as(client).queryParam("assignmentId", assignmentId).queryParam("limit", 100).when().get("/api/v1/progress-entries")
                .then().statusCode(200).body("items.size()", equalTo(5));

        occurrences = occurrences(clinic, client, assignmentId, today);
        assertEquals("MISSED", outcome(occurrences, today, 6), "a closed window without an entry");
        for (int day : new int[] {5, 4, 3}) {
            assertEquals("LOGGED", outcome(occurrences, today, day));
            assertEquals("DONE", occurrences.getString(at(today, day) + ".entryStatus"));
        }
        assertEquals("SKIPPED", outcome(occurrences, today, 2));
        assertEquals("LOGGED", outcome(occurrences, today, 1));
        assertEquals("PARTIAL", occurrences.getString(at(today, 1) + ".entryStatus"));
        assertEquals(offline.get(4).get("id"), occurrences.getString(at(today, 1) + ".entryId"));

        ChangesFeed outcomes = await().atMost(EVENTUAL).until(() -> read(clinic, client, "/api/v1/occurrences/sync", null),
                feed -> feed.items().size() >= 5);
        assertEquals(keys(today, 5, 1), outcomes.items().stream().map(o -> o.get("key")).sorted().toList(),
                "each logged occurrence once; the miss before the homework was assigned raises no change");

        // later: the client completes the partial day on another device, and the therapist cancels the homework
        String entryEtag = clinic.as(client).when().get("/api/v1/progress-entries/{id}", offline.get(4).get("id"))
                .then().statusCode(200).extract().header("ETag");
        clinic.as(client).contentType(ContentType.JSON).header("If-Match", entryEtag)
                .body(Map.of("status", "DONE", "answers", Map.of("situation", "Bus home", "intensity", 60)))
                .when().put("/api/v1/progress-entries/{id}", offline.get(4).get("id")).then().statusCode(200);
        clinic.as(therapist).when().post("/api/v1/assignments/{id}/cancel", assignmentId).then().statusCode(200);

        ChangesFeed amended = await().atMost(EVENTUAL).until(() -> read(clinic, client, "/api/v1/progress-entries/sync", entries.token()),
                feed -> !feed.items().isEmpty());
        assertEquals(List.of(offline.get(4).get("id")), amended.ids());
        assertEquals(2, amended.items().get(0).get("version"));
        ChangesFeed changedOutcome = await().atMost(EVENTUAL).until(() -> read(clinic, client, "/api/v1/occurrences/sync", outcomes.token()),
                feed -> !feed.items().isEmpty());
        assertEquals(1, changedOutcome.items().size());
        assertEquals(keys(today, 1, 1).get(0), changedOutcome.items().get(0).get("key"));
        assertEquals("DONE", changedOutcome.items().get(0).get("entryStatus"));
        ChangesFeed cancelled = await().atMost(EVENTUAL).until(() -> read(clinic, client, "/api/v1/assignments/sync", assignments.token()),
                feed -> feed.items().stream().anyMatch(a -> "CANCELLED".equals(a.get("status"))));
        assertEquals(List.of(assignmentId), cancelled.ids(), "the acknowledged and then cancelled homework, once, as it is now");

        // what was still to come is cancelled; nothing more comes from any feed
        await().atMost(EVENTUAL).untilAsserted(() -> assertEquals("CANCELLED",
                outcome(occurrences(clinic, client, assignmentId, today), today, -1)));
        assertTrue(read(clinic, client, "/api/v1/progress-entries/sync", amended.token()).items().isEmpty());
        assertTrue(read(clinic, client, "/api/v1/assignments/sync", cancelled.token()).items().isEmpty());
        assertNull(occurrences(clinic, client, assignmentId, today).getString(at(today, 6) + ".entryId"));
    }

    /** A feed read to its end as the client's app reads it, two items a page, so paging is part of it. */
    private static ChangesFeed read(ClinicApi clinic, ClinicApi.Person client, String path, String since) {
        return ChangesFeed.read(() -> clinic.as(client), path, since, 2);
    }

    private static String assign(ClinicApi clinic, ClinicApi.Person therapist, ClinicApi.Person client, LocalDate start) {
        Map<String, Object> schema = Map.of("fields", List.of(
                Map.of("key", "situation", "label", "What happened?", "type", "text", "required", true),
                Map.of("key", "intensity", "label", "How strong was the feeling?", "type", "scale", "required", true, "min", 0, "max", 100)));
        Map<String, Object> body = Map.of("clientId", client.id(), "title", "Daily thought record",
                "rationale", "Catching automatic thoughts is the first step to testing them.", "fieldSchema", schema,
                "schedule", Map.of("type", "RECURRING", "start", start + "T20:00", "rrule", "FREQ=DAILY"));
        // the care team reaches assignment-service as an event; until then the client is not the therapist's
        return await().atMost(EVENTUAL).until(() -> clinic.as(therapist).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments"), r -> r.statusCode() == 201).path("id");
    }

    /** The occurrences from a week ago to two days ahead; progress-service answers once the assignment reached it. */
    private static JsonPath occurrences(ClinicApi clinic, ClinicApi.Person client, String assignmentId, LocalDate today) {
        return await().atMost(EVENTUAL).until(() -> clinic.as(client)
                        .queryParam("from", today.minusDays(7).atStartOfDay(ZONE).toInstant().toString())
                        .queryParam("to", today.plusDays(2).atStartOfDay(ZONE).toInstant().toString())
                        .when().get("/api/v1/assignments/{id}/occurrences", assignmentId), (Response r) -> r.statusCode() == 200)
                .jsonPath();
    }

    private static Map<String, Object> done(String assignmentId, JsonPath occurrences, LocalDate today, int daysAgo, int intensity) {
        Map<String, Object> entry = entry(assignmentId, occurrences, today, daysAgo, "DONE");
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("situation", "Day " + daysAgo + ": a tense meeting");
        answers.put("intensity", intensity);
        entry.put("answers", answers);
        entry.put("moodBefore", 4);
        return entry;
    }

    private static Map<String, Object> skipped(String assignmentId, JsonPath occurrences, LocalDate today, int daysAgo) {
        Map<String, Object> entry = entry(assignmentId, occurrences, today, daysAgo, "SKIPPED");
        entry.put("skipReason", "NO_TIME");
        return entry;
    }

    private static Map<String, Object> entry(String assignmentId, JsonPath occurrences, LocalDate today, int daysAgo, String status) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", UUID.randomUUID().toString());
        entry.put("assignmentId", assignmentId);
        entry.put("occurrenceKey", key(today, daysAgo));
        entry.put("status", status);
        Instant due = Instant.parse(occurrences.getString(at(today, daysAgo) + ".dueAt"));
        entry.put("completedAt", due.plus(Duration.ofMinutes(30)).atZone(ZONE).toOffsetDateTime().toString());
        return entry;
    }

    /**
     * The same entry as the app would serialise it again: members in reverse order, the time it was done in UTC rather
     * than the client's offset. (A whole-number answer stays a JSON integer: the API refuses 40.0 for one.)
     */
    private static Map<String, Object> rewritten(Map<String, Object> entry) {
        List<String> names = new ArrayList<>(entry.keySet());
        Collections.reverse(names);
        Map<String, Object> again = new LinkedHashMap<>();
        for (String name : names) {
            Object value = entry.get(name);
            if (value instanceof Map<?, ?> answers) {
                Map<String, Object> reordered = new LinkedHashMap<>();
                List<String> keys = new ArrayList<>(answers.keySet().stream().map(String::valueOf).toList());
                Collections.reverse(keys);
                keys.forEach(k -> reordered.put(k, answers.get(k)));
                value = reordered;
            } else if (name.equals("completedAt")) {
                // the same instant, now written in UTC
                value = OffsetDateTime.parse((String) value).withOffsetSameInstant(ZoneOffset.UTC).toString();
            }
            again.put(name, value);
        }
        return again;
    }

    private static Response send(ClinicApi clinic, ClinicApi.Person client, Map<String, Object> entry) {
        return clinic.as(client).contentType(ContentType.JSON).body(entry).when().post("/api/v1/progress-entries");
    }

    private static String outcome(JsonPath occurrences, LocalDate today, int daysAgo) {
        return occurrences.getString(at(today, daysAgo) + ".outcome");
    }

    private static String at(LocalDate today, int daysAgo) {
        return "items.find { it.key == '" + key(today, daysAgo) + "' }";
    }

    private static String key(LocalDate today, int daysAgo) {
        return today.minusDays(daysAgo).atTime(LocalTime.of(20, 0)).toString();
    }

    /** The keys from {@code fromDaysAgo} to {@code toDaysAgo} days ago, oldest first. */
    private static List<String> keys(LocalDate today, int fromDaysAgo, int toDaysAgo) {
        List<String> keys = new ArrayList<>();
        for (int day = fromDaysAgo; day >= toDaysAgo; day--) {
            keys.add(key(today, day));
        }
        return keys;
    }
}
