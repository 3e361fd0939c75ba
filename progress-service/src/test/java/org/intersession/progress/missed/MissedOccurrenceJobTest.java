package org.intersession.progress.missed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class MissedOccurrenceJobTest {

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @Inject
    MissedOccurrenceJob job;

    @Test
    void closedWindowsWithoutAnEntryAreReportedOnceEvenWhenTwoRunsOverlap() throws Exception {
        UUID clinic = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        AssignmentSnapshot fresh = TestEvents.newAssignment(assignment, clinic, client, UUID.randomUUID(), "Worry time");
        // created a week ago, like its schedule
        AssignmentSnapshot created = new AssignmentSnapshot(fresh.assignmentId(), fresh.clinicId(), fresh.clientId(), fresh.therapistId(),
                fresh.title(), fresh.status(), fresh.timeZone(), fresh.schedule(), fresh.reminderPolicy(), null, 0,
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(7).minusHours(6));
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), codec.write(new CloudEvent(UUID.randomUUID().toString(),
                "/intersession/assignment-service", CloudEvent.SPEC_VERSION, AssignmentSnapshot.CREATED, "assignments/" + assignment,
                OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, codec.tree(created))));
        String logged = TestEvents.dailyOccurrenceKey(3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.client(clinic, client))
                .contentType(ContentType.JSON)
                .body(Map.of("id", UUID.randomUUID(), "assignmentId", assignment, "occurrenceKey", logged, "status", "DONE"))
                .when().post("/api/v1/progress-entries").then().statusCode(201));

        Thread first = new Thread(job::run);
        first.start();
        job.run();
        first.join();
        job.run();

        List<String> missed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select occurrence_key from missed_occurrence where assignment_id = :a order by occurrence_key", String.class)
                .setParameter("a", assignment).getResultList());
        assertFalse(missed.isEmpty());
        assertFalse(missed.contains(logged), "the logged occurrence is not missed");
        assertEquals(missed.stream().distinct().count(), missed.size());
        String someMissed = missed.get(0);
        assertFalse(TopicProbe.await(Topics.PROGRESS, v -> v.contains("occurrence-missed") && v.contains(assignment.toString())
                && v.contains(someMissed), Duration.ofSeconds(30)).isEmpty(), "occurrence-missed was published");
    }
}
