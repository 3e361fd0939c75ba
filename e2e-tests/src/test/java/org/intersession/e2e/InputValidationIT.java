package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.intersession.e2e.SecurityFixture.Actor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.hasItem;

/**
 * Issue #8 item 4 in every service: an invalid enum value or time zone is a 400 whose problem details name the
 * field. Only the gateway takes a time zone (the client's profile); the services read it from their replicas.
 */
class InputValidationIT {

    private static SecurityFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = SecurityFixture.get();
    }

    @Test
    void gatewayNamesAnInvalidRoleAndAnInvalidTimeZone() {
        fieldError(fixture.as(Actor.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("email", UUID.randomUUID() + "@clinic.test", "displayName", "X", "role", "WIZARD"))
                .when().post("/api/v1/users").then(), "role");
        fieldError(fixture.as(Actor.CLIENT).contentType(ContentType.JSON)
                .body(Map.of("profile", Map.of("timeZone", "Mars/Olympus_Mons")))
                .when().patch("/api/v1/users/{id}", fixture.client.id()).then(), "profile.timeZone");
    }

    @Test
    void assignmentServiceNamesAnInvalidScheduleType() {
        Map<String, Object> body = new HashMap<>(fixture.assignmentBody(null));
        body.put("schedule", Map.of("type", "SOMETIMES", "start", fixture.scheduleStart + "T20:00"));
        fieldError(fixture.as(Actor.THERAPIST).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments").then(), "schedule.type");
    }

    @Test
    void progressServiceNamesAnInvalidStatus() {
        fieldError(fixture.as(Actor.CLIENT).contentType(ContentType.JSON)
                .body(Map.of("id", UUID.randomUUID(), "assignmentId", fixture.assignmentId, "status", "MAYBE",
                        "occurrenceKey", fixture.occurrenceKey(2)))
                .when().post("/api/v1/progress-entries").then(), "status");
    }

    @Test
    void notificationServiceNamesAnInvalidChannelAndDay() {
        fieldError(fixture.as(Actor.CLIENT).contentType(ContentType.JSON).body(Map.of("channels", List.of("PIGEON")))
                .when().put("/api/v1/notification-preferences").then(), "channels[0]");
        fieldError(fixture.as(Actor.CLIENT).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP"), "weeklyDigestDay", "FUNDAY"))
                .when().put("/api/v1/notification-preferences").then(), "weeklyDigestDay");
    }

    private static void fieldError(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
