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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import java.util.UUID;

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

    private String status(UUID assignment) {
        return AllClinics.call(() -> Reminder.<Reminder>find("assignmentId", assignment)
                .firstResultOptional().map(r -> r.status).orElse(null));
    }

    private long remindersSentTo(UUID user) {
        return AllClinics.call(() -> Notification.count("recipientId = ?1 and kind = 'reminder'", user));
    }

}
