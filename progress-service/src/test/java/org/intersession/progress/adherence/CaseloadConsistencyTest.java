package org.intersession.progress.adherence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.progress.entry.ProgressEntry;
import org.intersession.progress.replica.TrackedAssignment;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.intersession.platform.tenancy.Tenancy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The caseload reads entries through its own query and index; whatever the write path did to them (late entries,
 * resubmissions, amendments), its answer must be the one recomputed here from the entries as loaded by Hibernate.
 */
@QuarkusTest
class CaseloadConsistencyTest {

    @Inject
    ObjectMapper json;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @Test
    void caseloadMatchesARecomputationFromEntriesAfterLateEntriesResubmissionsAndAmendments() throws Exception {
        UUID first = assignment();
        UUID second = assignment();
        TestEvents.careTeamLinked(clinic, client, therapist);
        Map<String, Object> amended = entry(first, 2, "PARTIAL");
        post(amended, 201);
        post(entry(first, 3, "DONE"), 201);
        post(entry(first, 4, "SKIPPED"), 201);
        post(entry(first, 7, "DONE"), 201); // the previous period
        Map<String, Object> resubmitted = entry(second, 3, "DONE");
        post(resubmitted, 201);
        post(resubmitted, 200); // the same entry again changes nothing
        post(entry(second, 5, "PARTIAL"), 201);

        String from = LocalDate.now(ZoneOffset.UTC).minusDays(5).toString();
        String to = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        JsonNode before = caseloadItem(from, to);
        assertEquals(recomputed(List.of(first, second), from, to), before);
        assertEquals(2, before.at("/current/partial").asInt());
        assertEquals(1, before.at("/previous/done").asInt());

        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("status", "DONE")).when().put("/api/v1/progress-entries/{id}", amended.get("id"))
                .then().statusCode(200).body("version", org.hamcrest.Matchers.equalTo(2));

        JsonNode after = caseloadItem(from, to);
        assertEquals(recomputed(List.of(first, second), from, to), after);
        assertEquals(before.at("/current/done").asInt() + 1, after.at("/current/done").asInt());
        assertEquals(1, after.at("/current/partial").asInt());
    }

    /**
     * The client's caseload entry as the API answers it. The care-team link comes on the identity topic, which is not
     * ordered with the assignment topic the entries waited on, so the client may join the caseload a moment later.
     */
    private JsonNode caseloadItem(String from, String to) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response response = given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                    .queryParam("from", from).queryParam("to", to).when().get("/api/v1/adherence/caseload");
            assertEquals(200, response.statusCode(), response.asString());
            return json.readTree(response.asString()).get("items");
        }, items -> items.size() == 1).get(0);
    }

    /** The same figures from the entities, one expansion per assignment and period, as adherence was first computed. */
    private JsonNode recomputed(List<UUID> assignmentIds, String from, String to) throws Exception {
        AdherenceService.Range current = new AdherenceService.Range(LocalDate.parse(from), LocalDate.parse(to));
        AdherenceService.Range previous = current.previous();
        Instant now = Instant.now();
        AdherenceService.ClientAdherence answer = Tenancy.inClinic(clinic, () -> QuarkusTransaction.requiringNew().call(() -> {
            List<TrackedAssignment> assignments = TrackedAssignment.list("assignmentId in ?1", assignmentIds);
            Map<UUID, Map<String, AdherenceCalculator.Logged>> entries = ProgressEntry.<ProgressEntry>list("assignmentId in ?1", assignmentIds)
                    .stream().collect(Collectors.groupingBy(e -> e.assignmentId, Collectors.toMap(e -> e.occurrenceKey,
                            e -> new AdherenceCalculator.Logged(e.status.name(), e.late), (a, b) -> a, HashMap::new)));
            Adherence currentAdherence = AdherenceCalculator.combine(assignments.stream()
                    .map(a -> over(a, current, now, entries.getOrDefault(a.assignmentId, Map.of()))).toList());
            Adherence previousAdherence = AdherenceCalculator.combine(assignments.stream()
                    .map(a -> over(a, previous, now, entries.getOrDefault(a.assignmentId, Map.of()))).toList());
            double drop = previousAdherence.expected() == 0 ? 0
                    : Math.round((previousAdherence.completionRate() - currentAdherence.completionRate()) * 1000) / 1000.0;
            return new AdherenceService.ClientAdherence(client, currentAdherence, previousAdherence, drop);
        }));
        return json.readTree(json.writeValueAsString(answer));
    }

    private static Adherence over(TrackedAssignment assignment, AdherenceService.Range range, Instant now,
                                  Map<String, AdherenceCalculator.Logged> entries) {
        ZoneId zone = ZoneId.of(assignment.timeZone);
        return AdherenceCalculator.compute(new OccurrenceExpander().expand(assignment.schedule.toSpec(), zone,
                range.from().atStartOfDay(zone).toInstant(), range.to().plusDays(1).atStartOfDay(zone).toInstant()), entries, now, zone);
    }

    private UUID assignment() {
        UUID assignment = UUID.randomUUID();
        TestEvents.publish(Topics.ASSIGNMENT, client.toString(), AssignmentSnapshot.CREATED, "assignments/" + assignment,
                TestEvents.newAssignment(assignment, clinic, client, therapist, "Breathing practice"));
        return assignment;
    }

    /** An entry made now for an occurrence days ago: its window has closed, so it is late. */
    private static Map<String, Object> entry(UUID assignment, int daysAgo, String status) {
        Map<String, Object> body = new HashMap<>(Map.of("id", UUID.randomUUID(), "assignmentId", assignment,
                "occurrenceKey", TestEvents.dailyOccurrenceKey(daysAgo), "status", status));
        if (status.equals("SKIPPED")) {
            body.put("skipReason", "FORGOT");
        }
        return body;
    }

    private void post(Map<String, Object> body, int status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.client(clinic, client))
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/progress-entries").then().statusCode(status));
    }
}
