package org.intersession.progress.adherence;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class AdherenceResourceTest {

    @Inject
    EventCodec codec;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();

    @Test
    void adherenceCountsWhatWasLoggedAndTheCaseloadPutsTheClientWhoSlippedFirst() {
        UUID steady = UUID.randomUUID();
        UUID slipping = UUID.randomUUID();
        UUID steadyAssignment = assignment(steady);
        UUID slippingAssignment = assignment(slipping);
        TestEvents.careTeamLinked(clinic, steady, therapist);
        TestEvents.careTeamLinked(clinic, slipping, therapist);
        for (int day = 1; day <= 6; day++) {
            log(steady, steadyAssignment, day, "DONE");
        }
        log(slipping, slippingAssignment, 6, "DONE");
        log(slipping, slippingAssignment, 5, "SKIPPED");

        String from = LocalDate.now(ZoneOffset.UTC).minusDays(6).toString();
        // up to two days ago: every occurrence in the range has a closed window, whatever the time of day
        String to = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        given().auth().oauth2(TestTokens.client(clinic, slipping))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/adherence/assignments/{id}", slippingAssignment)
                .then().statusCode(200)
                .body("expected", equalTo(5)).body("done", equalTo(1)).body("skipped", equalTo(1)).body("missed", equalTo(3))
                .body("missedInARow", equalTo(3));
        given().auth().oauth2(TestTokens.client(clinic, steady)).queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/adherence/assignments/{id}", slippingAssignment).then().statusCode(404);
        given().auth().oauth2(TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID())).queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/adherence/clients/{id}", slipping).then().statusCode(404);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/adherence/caseload")
                .then().statusCode(200)
                .body("items.clientId", contains(slipping.toString(), steady.toString())));
        given().auth().oauth2(TestTokens.therapist(clinic, therapist)).queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/adherence/clients/{id}", steady)
                .then().statusCode(200).body("completionRate", equalTo(1.0f)).body("currentStreak", equalTo(5));
        given().auth().oauth2(TestTokens.client(clinic, steady)).when().get("/api/v1/adherence/caseload").then().statusCode(403);
    }

    @Test
    void caseloadCountsEachPeriodFromItsOwnEntriesAcrossAllOfAClientsAssignments() {
        UUID client = UUID.randomUUID();
        UUID first = assignment(client);
        UUID second = assignment(client);
        TestEvents.careTeamLinked(clinic, client, therapist);
        log(client, first, 1, "DONE"); // after the range: counts nowhere
        log(client, first, 2, "DONE");
        log(client, first, 3, "DONE");
        log(client, second, 4, "PARTIAL");
        log(client, second, 5, "SKIPPED"); // the previous period: days 5 to 7
        log(client, first, 6, "DONE");
        log(client, first, 7, "DONE");

        String from = LocalDate.now(ZoneOffset.UTC).minusDays(4).toString();
        String to = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/adherence/caseload")
                .then().statusCode(200)
                .body("items.clientId", contains(client.toString()))
                .body("items[0].current.expected", equalTo(6)).body("items[0].current.done", equalTo(2))
                .body("items[0].current.partial", equalTo(1)).body("items[0].current.skipped", equalTo(0))
                .body("items[0].current.missed", equalTo(3))
                .body("items[0].previous.expected", equalTo(6)).body("items[0].previous.done", equalTo(2))
                .body("items[0].previous.partial", equalTo(0)).body("items[0].previous.skipped", equalTo(1))
                .body("items[0].previous.missed", equalTo(3)));
    }

    private UUID assignment(UUID client) {
        UUID assignment = UUID.randomUUID();
        AssignmentSnapshot data = TestEvents.newAssignment(assignment, clinic, client, therapist, "Thought record");
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), codec.write(new CloudEvent(UUID.randomUUID().toString(),
                "/intersession/assignment-service", CloudEvent.SPEC_VERSION, AssignmentSnapshot.CREATED, "assignments/" + assignment,
                OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, codec.tree(data))));
        return assignment;
    }

    private void log(UUID client, UUID assignment, int daysAgo, String status) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("id", UUID.randomUUID(), "assignmentId", assignment,
                "occurrenceKey", TestEvents.dailyOccurrenceKey(daysAgo), "status", status));
        if (status.equals("SKIPPED")) {
            body.put("skipReason", "FORGOT");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.client(clinic, client))
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/progress-entries").then().statusCode(201));
    }
}
