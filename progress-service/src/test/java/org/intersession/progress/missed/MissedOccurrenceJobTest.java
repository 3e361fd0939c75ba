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
import org.intersession.platform.schedule.Occurrence;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.schedule.ScheduleSpec;
import org.intersession.progress.replica.TrackedAssignment;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.intersession.platform.tenancy.Tenancy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        publish(created);
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

        List<String> missed = Tenancy.inClinic(clinic, () -> QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select occurrence_key from missed_occurrence where assignment_id = :a order by occurrence_key", String.class)
                .setParameter("a", assignment).getResultList()));
        assertFalse(missed.isEmpty());
        assertFalse(missed.contains(logged), "the logged occurrence is not missed");
        assertEquals(missed.stream().distinct().count(), missed.size());
        String someMissed = missed.get(0);
        assertFalse(TopicProbe.await(Topics.PROGRESS, v -> v.contains("occurrence-missed") && v.contains(assignment.toString())
                && v.contains(someMissed), Duration.ofSeconds(30)).isEmpty(), "occurrence-missed was published");
    }

    @Test
    void aRunNotesWhenTheNextWindowClosesAndAnAssignmentEventClearsTheNote() {
        UUID clinic = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        AssignmentSnapshot fresh = TestEvents.newAssignment(assignment, clinic, client, UUID.randomUUID(), "Breathing practice");
        // assigned two days ago: the job has windows to look at
        AssignmentSnapshot created = new AssignmentSnapshot(assignment, clinic, client, fresh.therapistId(), fresh.title(), fresh.status(),
                fresh.timeZone(), fresh.schedule(), fresh.reminderPolicy(), null, 0, OffsetDateTime.now(ZoneOffset.UTC).minusDays(2));
        publish(created);
        await().atMost(Duration.ofSeconds(30)).until(() -> tracked(assignment) != null);

        job.run();
        TrackedAssignment checked = tracked(assignment);
        Instant watermark = checked.missedCheckedUntil.toInstant();
        // daily at 20:00 in Berlin, open 12 hours after: the first window to close after the watermark, found apart from the job
        Instant expected = new OccurrenceExpander().expand(checked.schedule.toSpec(), BERLIN, watermark.minus(Duration.ofDays(2)),
                        watermark.plus(Duration.ofDays(2))).stream()
                .map(Occurrence::windowEnd).filter(end -> end.isAfter(watermark)).min(Comparator.naturalOrder()).orElseThrow();
        assertEquals(expected, checked.missedNextWindowEnd.toInstant());

        publish(new AssignmentSnapshot(assignment, clinic, client, created.therapistId(), "Breathing practice, twice a day",
                created.status(), created.timeZone(), created.schedule(), created.reminderPolicy(), null, 1, OffsetDateTime.now(ZoneOffset.UTC)));
        await().atMost(Duration.ofSeconds(30)).until(() -> tracked(assignment).version == 1);
        assertNull(tracked(assignment).missedNextWindowEnd, "a changed assignment is looked at on the next run");
    }

    @Test
    void theNextWindowIsTheFirstToCloseAfterTheWatermarkOnEitherSideOfTheClockChange() {
        // daily at 09:00 in Berlin, open an hour after; the clocks go forward in the night of 28 to 29 March 2026
        ScheduleSpec daily = new Schedule(Schedule.Type.RECURRING, null, LocalDateTime.of(2026, 3, 20, 9, 0), "FREQ=DAILY",
                List.of(), null, 60).toSpec();
        assertEquals(Instant.parse("2026-03-28T09:00:00Z"), job.nextWindowEnd(daily, BERLIN, Instant.parse("2026-03-27T12:00:00Z")));
        assertEquals(Instant.parse("2026-03-29T08:00:00Z"), job.nextWindowEnd(daily, BERLIN, Instant.parse("2026-03-28T12:00:00Z")));
        // a window that has just closed is settled: the next one is a day later
        assertEquals(Instant.parse("2026-03-30T08:00:00Z"), job.nextWindowEnd(daily, BERLIN, Instant.parse("2026-03-29T08:00:00Z")));

        ScheduleSpec ended = new Schedule(Schedule.Type.RECURRING, null, LocalDateTime.of(2026, 3, 20, 9, 0),
                "FREQ=DAILY;COUNT=3", List.of(), null, 60).toSpec();
        Instant afterTheLast = Instant.parse("2026-04-01T00:00:00Z");
        assertEquals(afterTheLast.plus(MissedOccurrenceJob.MAX_CATCH_UP), job.nextWindowEnd(ended, BERLIN, afterTheLast),
                "without a window to come, a month on");
    }

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private TrackedAssignment tracked(UUID assignment) {
        return Tenancy.acrossClinics("the test reads what the job and the consumer wrote",
                () -> QuarkusTransaction.requiringNew().call(() -> TrackedAssignment.<TrackedAssignment>findById(assignment)));
    }

    private void publish(AssignmentSnapshot snapshot) {
        TestEvents.send(Topics.ASSIGNMENT, snapshot.clientId().toString(), codec.write(new CloudEvent(UUID.randomUUID().toString(),
                "/intersession/assignment-service", CloudEvent.SPEC_VERSION,
                snapshot.version() == 0 ? AssignmentSnapshot.CREATED : AssignmentSnapshot.UPDATED, "assignments/" + snapshot.assignmentId(),
                OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, codec.tree(snapshot))));
    }
}
