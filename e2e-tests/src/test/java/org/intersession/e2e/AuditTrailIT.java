package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail through the real gateway and services: reads of a client's assignment and entries, and a stranger's
 * refused attempt, are each recorded once with the client the services named, and the clinic's admin finds them.
 */
class AuditTrailIT {

    private static final String AUDIT_HEADER = "Intersession-Audit-Client";

    private static RunningStack platform;

    @BeforeAll
    static void startPlatform() {
        platform = RunningStack.get();
    }

    @Test
    void readsOfAClientsDataAndAStrangersAttemptAreRecordedForTheAdmin() {
        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person therapist = clinic.therapist();
        ClinicApi.Person stranger = clinic.therapist();
        ClinicApi.Person client = clinic.client("Europe/Berlin");
        clinic.link(client, therapist);

        LocalDate threeDaysAgo = LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(3);
        String assignmentId = await().atMost(Duration.ofSeconds(60)).until(() -> clinic.as(therapist).contentType(ContentType.JSON)
                        .body(Map.of("clientId", client.id(), "title", "Worry time",
                                "rationale", "Postponing worry weakens its hold.",
                                "schedule", Map.of("type", "RECURRING", "start", threeDaysAgo + "T20:00", "rrule", "FREQ=DAILY")))
                        .when().post("/api/v1/assignments").then().extract(),
                response -> response.statusCode() == 201).path("id");
        UUID entryId = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> clinic.as(client).contentType(ContentType.JSON)
                .body(Map.of("id", entryId, "assignmentId", assignmentId, "status", "DONE",
                        "occurrenceKey", threeDaysAgo.plusDays(1) + "T20:00"))
                .when().post("/api/v1/progress-entries")
                .then().statusCode(201));

        String assignmentRead = clinic.as(therapist).when().get("/api/v1/assignments/{id}", assignmentId)
                .then().statusCode(200).header(AUDIT_HEADER, nullValue()).extract().header("X-Request-Id");
        String entryRead = await().atMost(Duration.ofSeconds(60)).until(() -> clinic.as(therapist)
                        .when().get("/api/v1/progress-entries/{id}", entryId).then().extract(),
                response -> response.statusCode() == 200).header("X-Request-Id");
        String refused = clinic.as(stranger).when().get("/api/v1/assignments/{id}", assignmentId)
                .then().statusCode(404).header(AUDIT_HEADER, nullValue()).extract().header("X-Request-Id");

        JsonPath trail = clinic.as(clinic.admin()).queryParam("clientId", client.id()).queryParam("limit", 100)
                .when().get("/api/v1/audit-events")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = trail.getList("items");
        assertTrue(items.stream().allMatch(e -> client.id().toString().equals(e.get("clientId"))), "only this client's records");

        Map<String, Object> read = one(items, assignmentRead);
        assertEquals(therapist.id().toString(), read.get("actorId"));
        assertEquals("THERAPIST", read.get("actorRole"));
        assertEquals("READ", read.get("action"));
        assertEquals("assignment", read.get("resourceType"));
        assertEquals("assignments/" + assignmentId, read.get("resource"));
        assertEquals("SUCCESS", read.get("outcome"));

        Map<String, Object> entry = one(items, entryRead);
        assertEquals("progress-entry", entry.get("resourceType"));
        assertEquals("SUCCESS", entry.get("outcome"));

        Map<String, Object> denied = one(items, refused);
        assertEquals(stranger.id().toString(), denied.get("actorId"));
        assertEquals("DENIED", denied.get("outcome"));
        assertEquals(404, denied.get("status"));
    }

    private static Map<String, Object> one(List<Map<String, Object>> items, String requestId) {
        List<Map<String, Object>> matching = items.stream().filter(e -> requestId.equals(e.get("requestId"))).toList();
        assertEquals(1, matching.size(), "exactly one record of request " + requestId);
        return matching.get(0);
    }
}
