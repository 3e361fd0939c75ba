package org.intersession.progress;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.progress.entry.EntryStatus;
import org.intersession.progress.entry.ProgressEntry;
import org.intersession.progress.replica.TrackedAssignment;
import org.intersession.testing.TenancyWallChecks;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenancy is a wall in progress-service (docs/security.md, "Tenancy"): every table holding clinic data carries its
 * clinic, every entity on one is scoped by it, plain SQL names it, and a query that forgets the clinic still sees one
 * clinic's rows only.
 */
@QuarkusTest
class TenancyWallTest extends TenancyWallChecks {

    @Override
    protected Map<String, String> sqlAcrossClinics() {
        return Map.of(
                "IdempotentRequests.pruneOlderThan", "expired Idempotency-Keys of every clinic are deleted by age; nothing is read",
                "MissedOccurrenceJob.checkBatch", "the missed-occurrence job claims every clinic's assignments whose next window has closed");
    }

    @Override
    protected Set<String> workAcrossClinics() {
        return Set.of("MissedOccurrenceJob.run");
    }

    @Test
    void aQueryThatNamesNoClinicSeesOnlyTheCurrentClinicsRows() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        UUID own = entry(mine);
        UUID other = entry(theirs);

        Tenancy.inClinic(mine, () -> QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(List.of(own), ProgressEntry.<ProgressEntry>listAll().stream().map(e -> e.id).toList(),
                    "all entries, as far as this clinic can tell");
            assertEquals(1, TrackedAssignment.count(), "and all assignments");
            assertNull(ProgressEntry.findById(other), "another clinic's entry is not found by its id");
            assertEquals(0, ProgressEntry.update("note = 'overwritten' where id = ?1", other), "nor changed");
            assertEquals(0, ProgressEntry.delete("id", other), "nor deleted");
        }));
        Tenancy.acrossClinics("the test looks at both clinics", () -> QuarkusTransaction.requiringNew().run(() -> {
            ProgressEntry untouched = ProgressEntry.findById(other);
            assertNotNull(untouched, "work across clinics sees every clinic's rows");
            assertEquals("Felt calmer", untouched.note);
        }));
    }

    @Test
    void aSessionThatKnowsNoClinicIsRefused() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> ProgressEntry.count()));
        assertTrue(causes(refused).contains("No clinic"), causes(refused));
    }

    @Test
    void anEntryIdAnotherClinicAlreadyUsedIsAConflictNotAnError() {
        UUID clinic = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        AssignmentSnapshot snapshot = TestEvents.newAssignment(assignment, clinic, client, UUID.randomUUID(), "Worry time");
        TestEvents.publish(Topics.ASSIGNMENT, client.toString(), AssignmentSnapshot.CREATED, "assignments/" + assignment, snapshot);
        UUID taken = entry(UUID.randomUUID());

        Map<String, Object> body = new HashMap<>(Map.of("id", taken, "assignmentId", assignment,
                "occurrenceKey", TestEvents.dailyOccurrenceKey(1), "status", "DONE"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.client(clinic, client))
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/progress-entries")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("An entry with this id, or for this occurrence, was already recorded")));
        body.put("id", UUID.randomUUID());
        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/progress-entries").then().statusCode(201);
    }

    /** An entry of the clinic's own assignment, written as a consumer and a request would: in the clinic's scope. */
    private static UUID entry(UUID clinic) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        TrackedAssignment assignment = new TrackedAssignment();
        assignment.assignmentId = UUID.randomUUID();
        assignment.clinicId = clinic;
        assignment.clientId = UUID.randomUUID();
        assignment.therapistId = UUID.randomUUID();
        assignment.title = "Worry time";
        assignment.assignedAt = now;
        assignment.status = "CANCELLED";
        ProgressEntry entry = new ProgressEntry();
        entry.id = UUID.randomUUID();
        entry.clinicId = clinic;
        entry.clientId = assignment.clientId;
        entry.assignmentId = assignment.assignmentId;
        entry.occurrenceKey = "2026-03-25T20:00";
        entry.status = EntryStatus.DONE;
        entry.note = "Felt calmer";
        entry.recordedAt = now;
        Tenancy.inClinic(clinic, () -> QuarkusTransaction.requiringNew().run(() -> {
            assignment.persist();
            entry.persist();
        }));
        return entry.id;
    }
}
