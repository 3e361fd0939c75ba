package org.intersession.notification.reminder;

import org.intersession.notification.AllClinics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.intersession.notification.notification.Notification;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.event.progress.ProgressRecorded;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.schedule.Schedule;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class RemindersTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Inject
    Reminders reminders;

    @Inject
    IdentityReplica identity;

    private final UUID clinic = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @Test
    void twoDispatchersAtOnceSendEachReminderExactlyOnce() throws Exception {
        clientInBerlin();
        UUID assignment = oneOffDueIn(61);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(assignment) == 1);

        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        Thread other = new Thread(() -> reminders.dispatchDue(later));
        other.start();
        reminders.dispatchDue(later);
        other.join();
        reminders.dispatchDue(later);

        assertEquals(1, remindersSentTo(client), "one reminder, sent once");
        assertEquals("SENT", status(assignment));
    }

    @Test
    void loggingTheOccurrenceCancelsItsPendingReminder() {
        clientInBerlin();
        LocalDateTime due = LocalDateTime.now(BERLIN).plusMinutes(90).truncatedTo(ChronoUnit.MINUTES);
        UUID assignment = oneOffDueAt(due);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(assignment) == 1);

        TestEvents.publish(Topics.PROGRESS, client.toString(), ProgressRecorded.TYPE, "progress-entries/x",
                new ProgressRecorded(UUID.randomUUID(), assignment, clinic, client, UUID.randomUUID(), due.toString(), "DONE", false,
                        OffsetDateTime.now(ZoneOffset.UTC)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(status(assignment)));

        reminders.dispatchDue(Instant.now().plus(Duration.ofMinutes(40)));
        assertEquals(0, remindersSentTo(client));
    }

    @Test
    void pausingOrCancellingTheAssignmentCancelsItsPendingReminders() {
        clientInBerlin();
        LocalDateTime due = LocalDateTime.now(BERLIN).plusMinutes(90).truncatedTo(ChronoUnit.MINUTES);
        UUID paused = oneOffDueAt(due);
        UUID cancelled = oneOffDueAt(due);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(paused) == 1 && pending(cancelled) == 1);

        publish(AssignmentSnapshot.PAUSED, paused, due, "PAUSED", 1);
        publish(AssignmentSnapshot.CANCELLED, cancelled, due, "CANCELLED", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(status(paused)) && "CANCELLED".equals(status(cancelled)));

        reminders.dispatchDue(Instant.now().plus(Duration.ofMinutes(40)));
        assertEquals(0, remindersSentTo(client));
    }

    @Test
    void afterDowntimeStaleRemindersAreSkippedAndOnlyTheCurrentOneIsSent() {
        clientInBerlin();
        UUID stale = oneOffDueIn(65);
        UUID current = oneOffDueIn(4 * 60 + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(stale) == 1 && pending(current) == 1);

        // the service was down for three hours: the first reminder's time passed long ago, the second's just now
        reminders.dispatchDue(Instant.now().plus(Duration.ofMinutes(3 * 60 + 5)));

        assertEquals("SKIPPED", status(stale));
        assertEquals("SENT", status(current));
        assertEquals(1, remindersSentTo(client), "no flood of overdue reminders");
    }

    @Test
    void quietHoursSetThroughThePreferencesApiDeferTheReminder() {
        clientInBerlin();
        LocalDateTime due = LocalDateTime.now(BERLIN).plusMinutes(90).truncatedTo(ChronoUnit.MINUTES);
        UUID plannedBefore = oneOffDueAt(due);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(plannedBefore) == 1);
        assertEquals(due.minusMinutes(60).atZone(BERLIN).toInstant(), sendAt(plannedBefore));

        // quiet from 5 minutes before the reminder's time until 15 minutes after it, in the client's zone
        LocalTime quietEnd = due.minusMinutes(45).toLocalTime();
        given().auth().oauth2(TestTokens.client(clinic, client)).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP"), "quietHoursStart", due.minusMinutes(65).toLocalTime().toString(),
                        "quietHoursEnd", quietEnd.toString(), "timeZone", "Europe/Berlin"))
                .when().put("/api/v1/notification-preferences").then().statusCode(200);
        Instant deferred = due.minusMinutes(45).atZone(BERLIN).toInstant();
        await().atMost(Duration.ofSeconds(30)).until(() -> deferred.equals(sendAt(plannedBefore)));

        UUID plannedAfter = oneOffDueAt(due);
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(plannedAfter) == 1);
        assertEquals(deferred, sendAt(plannedAfter), "a plan made after the change defers too");

        reminders.dispatchDue(due.minusMinutes(59).atZone(BERLIN).toInstant());
        assertEquals(0, remindersSentTo(client), "nothing is sent inside quiet hours");
        reminders.dispatchDue(deferred.plusSeconds(60));
        assertEquals(2, remindersSentTo(client));
    }

    private void clientInBerlin() {
        TestEvents.clientProfile(clinic, client, "Europe/Berlin");
        await().atMost(Duration.ofSeconds(30)).until(() -> AllClinics.call(() -> identity.zoneOf(client).isPresent()));
    }

    private UUID oneOffDueIn(int minutes) {
        return oneOffDueAt(LocalDateTime.now(BERLIN).plusMinutes(minutes).truncatedTo(ChronoUnit.MINUTES));
    }

    private UUID oneOffDueAt(LocalDateTime due) {
        UUID assignment = UUID.randomUUID();
        publish(AssignmentSnapshot.CREATED, assignment, due, "ASSIGNED", 0);
        return assignment;
    }

    private void publish(String type, UUID assignment, LocalDateTime due, String status, long version) {
        Schedule once = new Schedule(Schedule.Type.ONE_OFF, due, null, null, null, null, null);
        TestEvents.publish(Topics.ASSIGNMENT, client.toString(), type, "assignments/" + assignment,
                new AssignmentSnapshot(assignment, clinic, client, UUID.randomUUID(), "Breathing practice", status,
                        "Europe/Berlin", once, new ReminderPolicy(true, 60, 3), null, version, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    private long pending(UUID assignment) {
        return AllClinics.call(() -> Reminder.count("assignmentId = ?1 and status = 'PENDING'", assignment));
    }

    private Instant sendAt(UUID assignment) {
        return AllClinics.call(() -> Reminder.<Reminder>find("assignmentId = ?1 and status = 'PENDING'", assignment)
                .firstResultOptional().map(r -> r.sendAt.toInstant()).orElse(null));
    }

    private String status(UUID assignment) {
        return AllClinics.call(() -> Reminder.<Reminder>find("assignmentId", assignment)
                .firstResultOptional().map(r -> r.status).orElse(null));
    }

    private long remindersSentTo(UUID user) {
        return AllClinics.call(() -> Notification.count("recipientId = ?1 and kind = 'reminder'", user));
    }

}
