package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One homework week, as a third-party clinic app drives it through the gateway only. A therapist assigns a daily
 * thought record (a clinic copy of the built-in one, with an alert on the emotion's intensity) with a rationale and
 * reminders; the client acknowledges it and logs the week late: done, skipped (no time), done, done, done with an
 * intensity that crosses the alert, missed, done. The therapist hears of each completion and of the flag once,
 * reads 5 of 7 with the right streaks and the pre-session summary, records the session review and modifies the
 * assignment. The clinic's webhook endpoint (a receiver the test runs, or the self-hosted stack's, see
 * {@link SelfHostedWeek}) gets the flag once, signed.
 *
 * <p>The week lies in the past so it runs in seconds: the seven daily occurrences were due from seven days ago to
 * 23 hours ago, each open for an hour after its due time, so all have closed; the eighth is due in an hour and still
 * open, so it does not count yet. The client lives in a zone on UTC all year, so local and UTC dates agree.
 */
final class HomeworkWeek {

    static final ZoneId ZONE = ZoneId.of("Atlantic/Reykjavik");
    private static final Duration EVENTUAL = Duration.ofSeconds(60);
    private static final int[] INTENSITY = {70, 0, 65, 60, 95, 0, 40};
    private static final String FLAGGED = "org.intersession.progress.flagged.v1";

    private final String gateway;
    private final String operatorPassword;
    private final ClinicApi.Invitations invitations;

    /** What the week left on the platform, for checks that it is all still there later. */
    record Outcome(ClinicApi clinic, ClinicApi.Person therapist, ClinicApi.Person client, String assignmentId,
                   String webhookId, String webhookSecret, LocalDate firstDay, LocalDate lastDay, String openOccurrenceKey) {
    }

    HomeworkWeek(RunningStack platform) {
        this(platform.gatewayUrl(), RunningStack.OPERATOR_PASSWORD, ClinicApi.Invitations.FROM_ANSWER);
    }

    HomeworkWeek(String gateway, String operatorPassword, ClinicApi.Invitations invitations) {
        this.gateway = gateway;
        this.operatorPassword = operatorPassword;
        this.invitations = invitations;
    }

    void run() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            run(receiver);
        }
    }

    Outcome run(WebhookSink receiver) {
        ClinicApi clinic = ClinicApi.newClinic(gateway, operatorPassword, invitations);
        ClinicApi.Person therapist = clinic.therapist();
        ClinicApi.Person client = clinic.client(ZONE.getId());
        clinic.link(client, therapist);
        JsonPath webhook = clinic.as(clinic.admin()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "eventTypes", List.of(FLAGGED), "description", "Flags to the clinic's EHR"))
                .when().post("/api/v1/webhook-endpoints")
                .then().statusCode(201).body("enabled", equalTo(true)).extract().jsonPath();
        String secret = webhook.getString("secret");
        assertTrue(secret.startsWith("whsec_"), secret);

        String templateId = thoughtRecordWithAlert(clinic, therapist);
        LocalDateTime nowLocal = LocalDateTime.now(ZONE);
        LocalDateTime firstDue = nowLocal.minusDays(7).plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        String assignmentId = assign(clinic, therapist, client, templateId, firstDue);

        clinic.as(client).when().post("/api/v1/assignments/{id}/acknowledge", assignmentId)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        await().atMost(EVENTUAL).untilAsserted(() -> clinic.as(client).when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.title", hasItem("New homework: Daily thought record")));

        // progress-service answers occurrences (with their outcomes) once the assignment has reached it
        List<String> keys = await().atMost(EVENTUAL).until(() -> clinic.as(client)
                .queryParam("from", firstDue.atZone(ZONE).toInstant().minusSeconds(60).toString())
                .queryParam("to", Instant.now().plus(Duration.ofHours(2)).toString())
                .when().get("/api/v1/assignments/{id}/occurrences", assignmentId), r -> r.statusCode() == 200)
                .then().body("items", hasSize(8)).extract().jsonPath().getList("items.key");
        logTheWeek(clinic, client, assignmentId, keys);

        // the therapist hears of each of the five completions and of the flagged answer, at high priority
        await().atMost(EVENTUAL).untilAsserted(() -> {
            Map<String, Integer> kinds = kinds(clinic, therapist);
            assertEquals(5, kinds.getOrDefault("progress.recorded/NORMAL", 0), kinds.toString());
            assertEquals(1, kinds.getOrDefault("progress.flagged/HIGH", 0), kinds.toString());
        });
        clinic.as(therapist).queryParam("limit", 100).when().get("/api/v1/notifications")
                .then().body("items.findAll { it.priority == 'HIGH' }.title", equalTo(List.of("Flagged answer: How strong was the emotion?")));

        adherenceIsFiveOfSeven(clinic, therapist, assignmentId, firstDue.toLocalDate(), nowLocal.toLocalDate());

        JsonPath summary = clinic.as(therapist).when().get("/api/v1/clients/{id}/pre-session-summary", client.id())
                .then().statusCode(200).body("sinceLastReview", equalTo(false)).body("assignments", hasSize(1))
                .extract().jsonPath().setRootPath("assignments[0]");
        assertEquals(Map.of("NO_TIME", 1), summary.getMap("skipReasons"));
        assertEquals(7, summary.getInt("adherence.expected"));
        assertEquals(5, summary.getInt("adherence.done"));
        assertEquals(List.of(70f, 65f, 60f, 95f, 40f), summary.getList("trends.find { it.key == 'answers.intensity' }.points.value"));
        assertEquals(70f, summary.getFloat("trends.find { it.key == 'answers.intensity' }.first"));
        assertEquals(40f, summary.getFloat("trends.find { it.key == 'answers.intensity' }.last"));
        assertEquals(List.of("How strong was the emotion?"), summary.getList("flags.fieldLabel"));

        WebhookReceiver.Delivery flag = flaggedAnswerDelivered(clinic, receiver, webhook.getString("id"), secret);

        reviewAndModify(clinic, therapist, client, assignmentId);

        // nothing was delivered twice, whichever instance consumed the events
        Map<String, Integer> kinds = kinds(clinic, therapist);
        assertEquals(5, kinds.get("progress.recorded/NORMAL"), kinds.toString());
        assertEquals(1, kinds.get("progress.flagged/HIGH"), kinds.toString());
        assertEquals(6, kinds.values().stream().mapToInt(Integer::intValue).sum(), kinds.toString());
        assertEquals(Map.of("assignment.created/NORMAL", 1), kinds(clinic, client));
        assertEquals(List.of(flag.id()), receiver.deliveries().stream().map(WebhookReceiver.Delivery::id).toList());

        // a replay sends the same event with the same webhook-id, so the receiver can drop it
        String deliveryId = clinic.as(clinic.admin()).when().get("/api/v1/webhook-endpoints/{id}/deliveries", webhook.getString("id"))
                .then().statusCode(200).extract().path("items[0].id");
        clinic.as(clinic.admin()).when()
                .post("/api/v1/webhook-endpoints/{id}/deliveries/{delivery}/replays", webhook.getString("id"), deliveryId)
                .then().statusCode(202);
        await().atMost(EVENTUAL).until(() -> receiver.deliveries().size() == 2);
        WebhookReceiver.Delivery replayed = receiver.deliveries().get(1);
        assertEquals(flag.id(), replayed.id());
        assertEquals(flag.text(), replayed.text());
        assertTrue(WebhookReceiver.signedWith(replayed, secret), "the replay is signed too");
        return new Outcome(clinic, therapist, client, assignmentId, webhook.getString("id"), secret, firstDue.toLocalDate(),
                firstDue.plusDays(6).toLocalDate(), keys.get(7));
    }

    /** Of the seven closed days from {@code from} to {@code to}: done, skipped, done, done, done, missed, done. */
    static void adherenceIsFiveOfSeven(ClinicApi clinic, ClinicApi.Person therapist, String assignmentId, LocalDate from, LocalDate to) {
        clinic.as(therapist).queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/api/v1/adherence/assignments/{id}", assignmentId)
                .then().statusCode(200)
                .body("expected", equalTo(7)).body("done", equalTo(5)).body("partial", equalTo(0))
                .body("skipped", equalTo(1)).body("missed", equalTo(1)).body("completionRate", equalTo(0.714f))
                .body("currentStreak", equalTo(1)).body("longestStreak", equalTo(3)).body("missedInARow", equalTo(0));
    }

    /**
     * The flag reached the clinic's endpoint once, as a structured CloudEvent, signed with the endpoint's secret
     * (checked here independently, Standard Webhooks 1.0), and the delivery is recorded as succeeded.
     */
    private static WebhookReceiver.Delivery flaggedAnswerDelivered(ClinicApi clinic, WebhookSink receiver, String endpointId,
                                                                   String secret) {
        await().atMost(EVENTUAL).until(() -> !receiver.deliveries().isEmpty());
        WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertTrue(delivery.contentType().startsWith("application/json"), delivery.contentType());
        assertTrue(WebhookReceiver.signedWith(delivery, secret), "signature " + delivery.signature());
        long skew = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(delivery.timestamp()));
        assertTrue(skew < 300, "webhook-timestamp is " + skew + " s off");
        JsonPath event = JsonPath.from(delivery.text());
        assertEquals("1.0", event.getString("specversion"));
        assertEquals(FLAGGED, event.getString("type"));
        assertEquals("intensity", event.getString("data.fieldKey"));
        assertEquals(95, event.getInt("data.value"));
        await().atMost(EVENTUAL).untilAsserted(() -> clinic.as(clinic.admin())
                .when().get("/api/v1/webhook-endpoints/{id}/deliveries", endpointId)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].status", equalTo("SUCCEEDED"))
                .body("items[0].eventType", equalTo(FLAGGED)).body("items[0].attempts[0].responseStatus", equalTo(204)));
        return delivery;
    }

    /** The built-in thought record, copied as a clinic template with an alert when the emotion is at 90 or more. */
    @SuppressWarnings("unchecked")
    private static String thoughtRecordWithAlert(ClinicApi clinic, ClinicApi.Person therapist) {
        JsonPath builtIn = clinic.as(therapist).queryParam("category", "cognitive").queryParam("limit", 100)
                .when().get("/api/v1/templates").then().statusCode(200).extract().jsonPath()
                .setRootPath("items.find { it.slug == 'cbt-thought-record' }");
        Map<String, Object> schema = new HashMap<>(builtIn.getMap("schema"));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Map<String, Object> field : (List<Map<String, Object>>) schema.get("fields")) {
            Map<String, Object> copy = new LinkedHashMap<>(field);
            if (copy.get("key").equals("intensity")) {
                copy.put("alert", Map.of("operator", "at_least", "value", 90,
                        "message", "The emotion was at 90 or more; consider checking in before the next session."));
            }
            fields.add(copy);
        }
        schema.put("fields", fields);
        return clinic.as(therapist).contentType(ContentType.JSON)
                .body(Map.of("title", "Daily thought record", "category", "cognitive", "schema", schema,
                        "defaultInstructions", builtIn.getString("defaultInstructions"),
                        "defaultRationale", builtIn.getString("defaultRationale")))
                .when().post("/api/v1/templates").then().statusCode(201).extract().path("id");
    }

    private static String assign(ClinicApi clinic, ClinicApi.Person therapist, ClinicApi.Person client, String templateId,
                                 LocalDateTime firstDue) {
        Map<String, Object> body = Map.of("clientId", client.id(), "templateId", templateId, "title", "Daily thought record",
                "rationale", "Catching automatic thoughts is the first step to testing them.",
                "obstacles", List.of(Map.of("obstacle", "Too tired in the evening", "copingPlan", "Fill in the first three columns only")),
                "schedule", Map.of("type", "RECURRING", "start", firstDue.toString(), "rrule", "FREQ=DAILY",
                        "windowBeforeMinutes", 120, "windowAfterMinutes", 60),
                "reminderPolicy", Map.of("enabled", true, "minutesBefore", 30, "maxPerDay", 1));
        // the care team reaches assignment-service as an event; until then the client is not the therapist's
        Response created = await().atMost(EVENTUAL).until(() -> clinic.as(therapist).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments").then().extract().response(), r -> r.statusCode() == 201);
        created.then().body("status", equalTo("ASSIGNED")).body("rationale", equalTo("Catching automatic thoughts is the first step to testing them."))
                .body("reminderPolicy.minutesBefore", equalTo(30)).body("timeZone", equalTo(ZONE.getId()));
        return created.path("id");
    }

    /** Done, skipped, done, done, done (flagged), missed, done: all late, since every window has closed. */
    private static void logTheWeek(ClinicApi clinic, ClinicApi.Person client, String assignmentId, List<String> keys) {
        for (int day = 0; day < 7; day++) {
            if (day == 5) {
                continue;
            }
            Map<String, Object> entry;
            if (day == 1) {
                entry = entry(assignmentId, keys.get(day));
                entry.put("status", "SKIPPED");
                entry.put("skipReason", "NO_TIME");
                entry.put("skipReasonText", "Worked a double shift.");
            } else {
                entry = done(assignmentId, keys.get(day), day, INTENSITY[day]);
            }
            // the assignment reaches progress-service as an event; the first entry may have to wait for it
            await().atMost(EVENTUAL).untilAsserted(() -> clinic.as(client).contentType(ContentType.JSON).body(entry)
                    .when().post("/api/v1/progress-entries")
                    .then().statusCode(201).body("late", equalTo(true)).body("status", not(equalTo("MISSED"))));
        }
    }

    /** The eighth day, still open, done on time with the emotion at 95: one more completion, and one more flag. */
    static void logTheOpenDayFlagged(ClinicApi clinic, ClinicApi.Person client, String assignmentId, String openOccurrenceKey) {
        clinic.as(client).contentType(ContentType.JSON).body(done(assignmentId, openOccurrenceKey, 7, 95))
                .when().post("/api/v1/progress-entries")
                .then().statusCode(201).body("late", equalTo(false)).body("status", equalTo("DONE"));
    }

    private static Map<String, Object> done(String assignmentId, String occurrenceKey, int day, int intensity) {
        Map<String, Object> entry = entry(assignmentId, occurrenceKey);
        entry.put("status", "DONE");
        entry.put("answers", Map.of("situation", "Meeting with my manager", "automatic_thought", "I am going to be fired.",
                "emotion", "anxious", "intensity", intensity, "emotion_rerated", intensity / 2));
        entry.put("moodBefore", 3 + day / 2);
        entry.put("moodAfter", 5 + day / 2);
        return entry;
    }

    private static Map<String, Object> entry(String assignmentId, String occurrenceKey) {
        Map<String, Object> entry = new HashMap<>();
        entry.put("id", UUID.randomUUID());
        entry.put("assignmentId", assignmentId);
        entry.put("occurrenceKey", occurrenceKey);
        return entry;
    }

    private static void reviewAndModify(ClinicApi clinic, ClinicApi.Person therapist, ClinicApi.Person client, String assignmentId) {
        LocalDate today = LocalDate.now(ZONE);
        clinic.as(therapist).contentType(ContentType.JSON)
                .body(Map.of("clientId", client.id(), "sessionDate", today.toString(), "items", List.of(Map.of(
                        "assignmentId", assignmentId, "quantity", 3, "quality", 3, "helped", "PARTLY",
                        "barriers", List.of("NO_TIME"), "barrierNotes", "Evenings are taken by shifts.",
                        "decision", "MODIFY", "therapistNotes", "Move it to the morning commute."))))
                .when().post("/api/v1/reviews").then().statusCode(201);

        Response current = clinic.as(therapist).when().get("/api/v1/assignments/{id}", assignmentId).then().statusCode(200).extract().response();
        String etag = current.header("ETag");
        int version = current.path("version");
        clinic.as(therapist).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("instructions", "Fill it in on the morning commute, about the evening before.",
                        "reminderPolicy", Map.of("enabled", true, "minutesBefore", 60, "maxPerDay", 1)))
                .when().patch("/api/v1/assignments/{id}", assignmentId)
                .then().statusCode(200).body("version", equalTo(version + 1)).body("reminderPolicy.minutesBefore", equalTo(60));
        // a second change from the stale copy is refused, not lost
        clinic.as(therapist).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("instructions", "Something else"))
                .when().patch("/api/v1/assignments/{id}", assignmentId)
                .then().statusCode(412).contentType("application/problem+json");
        clinic.as(client).when().get("/api/v1/assignments/{id}", assignmentId)
                .then().statusCode(200).body("instructions", equalTo("Fill it in on the morning commute, about the evening before."));

        // the review reaches progress-service as an event: the next summary starts from that session
        await().atMost(EVENTUAL).untilAsserted(() -> clinic.as(therapist).when().get("/api/v1/clients/{id}/pre-session-summary", client.id())
                .then().statusCode(200).body("sinceLastReview", equalTo(true)).body("since", equalTo(today.toString())));
    }

    /** The person's inbox as counts of kind/priority, every page read. */
    static Map<String, Integer> kinds(ClinicApi clinic, ClinicApi.Person person) {
        Map<String, Integer> counts = new HashMap<>();
        String cursor = null;
        do {
            var request = clinic.as(person).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            items.forEach(n -> counts.merge(n.get("kind") + "/" + n.get("priority"), 1, Integer::sum));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertTrue(counts.values().stream().allMatch(n -> n > 0));
        return counts;
    }
}
