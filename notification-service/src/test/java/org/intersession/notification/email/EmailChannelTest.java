package org.intersession.notification.email;

import org.intersession.notification.AllClinics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.intersession.notification.reminder.Reminder;
import org.intersession.notification.reminder.Reminders;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.schedule.Schedule;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reminders and therapist alerts by email: only with consent, to the known address, and without clinical detail. */
@QuarkusTest
class EmailChannelTest {

    private static final String TITLE = "Exposure: the bridge on Elm Street";

    @Inject
    Reminders reminders;

    @Inject
    IdentityReplica identity;

    private final UUID clinic = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();

    @Test
    void aReminderEmailWithoutConsentToDetailsNamesNoHomework() throws Exception {
        String address = TestContacts.knownAddress(clinic, client, "CLIENT");
        preferences(TestTokens.client(clinic, client), List.of("IN_APP", "EMAIL"), false);
        UUID assignment = remindedAssignment();

        String body = onlyMessageTo(address, "Intersession reminder");
        assertFalse(body.contains("Exposure") || body.contains("Elm Street"), "no homework title without consent: " + body);
        assertTrue(body.contains("You have homework due at"), body);
        assertTrue(body.contains("http://localhost:8080/notifications/"), "a link to the notification: " + body);
        // the reminder only queued the email, which the dispatcher sent outside the reminder's transaction
        assertEquals("IN_APP: delivered; EMAIL: queued", outcome(assignment));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(client, "reminder")));
    }

    @Test
    void aClientWhoAllowedDetailsGetsTheHomeworkTitleByEmail() throws Exception {
        String address = TestContacts.knownAddress(clinic, client, "CLIENT");
        preferences(TestTokens.client(clinic, client), List.of("IN_APP", "EMAIL"), true);
        remindedAssignment();

        assertTrue(onlyMessageTo(address, "Intersession reminder").contains("Reminder: " + TITLE + " is due at"));
    }

    @Test
    void noEmailWithoutEmailAmongTheChosenChannels() {
        String address = TestContacts.knownAddress(clinic, client, "CLIENT");
        preferences(TestTokens.client(clinic, client), List.of("IN_APP"), true);
        UUID assignment = remindedAssignment();

        assertEquals("IN_APP: delivered; EMAIL: not_consented", outcome(assignment));
        assertEquals(0, SmtpServer.messagesTo(address).length);
        assertNull(delivery(client, "reminder"));
    }

    @Test
    void aTherapistsFlaggedAnswerEmailSaysOnlyThatAnAnswerNeedsAttention() throws Exception {
        String address = TestContacts.knownAddress(clinic, therapist, "THERAPIST");
        preferences(TestTokens.therapist(clinic, therapist), List.of("IN_APP", "EMAIL"), true);
        TestEvents.publish(Topics.PROGRESS, client.toString(), ProgressFlagged.TYPE, "progress-entries/x",
                new ProgressFlagged(UUID.randomUUID(), UUID.randomUUID(), clinic, client, therapist, "self_harm_urge",
                        "Urge to harm yourself", 97, "Check in with Robin today", OffsetDateTime.now(ZoneOffset.UTC)));

        String body = onlyMessageTo(address, "Intersession: a client's answer needs your attention");
        assertTrue(body.startsWith("A client's answer needs your attention."), body);
        // the link's notification id is random and may contain any digits: the words before it are checked
        String words = body.substring(0, body.indexOf("http://localhost:8080/notifications/"));
        for (String detail : List.of("harm", "Urge", "97", "Robin", "Check in", "self_harm")) {
            assertFalse(words.contains(detail), "no answer, field, message or name: " + detail + " in " + body);
        }
        assertTrue(body.matches("(?s).*http://localhost:8080/notifications/[0-9a-f-]{36}\\s*"), body);
        // the SMTP server may have the email before the dispatcher's transaction, which records the send, commits
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(therapist, "progress.flagged")));
    }

    private static void preferences(String token, List<String> channels, boolean details) {
        given().auth().oauth2(token).header("If-Match", "*").contentType(ContentType.JSON)
                .body(Map.of("channels", channels, "emailIncludesDetails", details))
                .when().put("/api/v1/notification-preferences")
                .then().statusCode(200).body("emailIncludesDetails", org.hamcrest.Matchers.equalTo(details));
    }

    /** A one-off assignment due in 61 minutes with a reminder an hour before, dispatched as if five minutes later. */
    private UUID remindedAssignment() {
        TestEvents.clientProfile(clinic, client, "Europe/Berlin");
        await().atMost(Duration.ofSeconds(30)).until(() -> AllClinics.call(() -> identity.zoneOf(client).isPresent()));
        UUID assignment = UUID.randomUUID();
        LocalDateTime due = LocalDateTime.now(ZoneId.of("Europe/Berlin")).plusMinutes(61).truncatedTo(ChronoUnit.MINUTES);
        TestEvents.publish(Topics.ASSIGNMENT, client.toString(), AssignmentSnapshot.CREATED, "assignments/" + assignment,
                new AssignmentSnapshot(assignment, clinic, client, therapist, TITLE, "ASSIGNED", "Europe/Berlin",
                        new Schedule(Schedule.Type.ONE_OFF, due, null, null, null, null, null), new ReminderPolicy(true, 60, 3),
                        null, 0, OffsetDateTime.now(ZoneOffset.UTC)));
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomeOrStatus(assignment) != null);
        reminders.dispatchDue(Instant.now().plus(Duration.ofMinutes(5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> outcome(assignment) != null);
        return assignment;
    }

    private static String outcomeOrStatus(UUID assignment) {
        return AllClinics.call(() -> Reminder.<Reminder>find("assignmentId", assignment)
                .firstResultOptional().map(r -> r.status).orElse(null));
    }

    private static String outcome(UUID assignment) {
        return AllClinics.call(() -> Reminder.<Reminder>find("assignmentId", assignment)
                .firstResultOptional().map(r -> r.outcome).orElse(null));
    }

    private static String delivery(UUID recipient, String kind) {
        return AllClinics.call(() -> EmailDelivery.<EmailDelivery>find("recipientId = ?1 and kind = ?2", recipient, kind)
                .firstResultOptional().map(d -> d.status).orElse(null));
    }

    private static String onlyMessageTo(String address, String subject) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> SmtpServer.messagesTo(address).length >= 1);
        MimeMessage[] messages = SmtpServer.messagesTo(address);
        assertEquals(1, messages.length, "one email");
        assertEquals(subject, messages[0].getSubject());
        return String.valueOf(messages[0].getContent());
    }
}
