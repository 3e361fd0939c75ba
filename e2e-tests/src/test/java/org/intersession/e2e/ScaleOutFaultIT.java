package org.intersession.e2e;

import io.restassured.http.ContentType;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.intersession.launcher.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With two instances of every service (the gateway too), each side effect happens once: every reminder is sent
 * once though both notification-service instances run the dispatcher, every invitation email once though both
 * consume the identity events, and one notification per entry though writes and consumers are spread over two
 * instances each. (Webhook delivery is not built yet, so there is none to count.)
 */
class ScaleOutFaultIT {

    private static final int WRITES = 100;
    private static final int REMINDERS = 3;
    private static final String INVITATION_SUBJECT = "Your invitation to Intersession";

    @Test
    void noReminderNotificationOrEmailHappensTwiceWithTwoInstancesOfEveryService() {
        FaultStack platform = FaultStack.get();
        assertEquals(FaultStack.INSTANCES, platform.stack().urls(ServiceSpec.NOTIFICATION).size());
        CompletionLoad load = CompletionLoad.prepare(platform, 2, WRITES / 2);
        ClinicApi clinic = load.clinic();
        ClinicApi.Person therapist = load.therapist();

        // reminders due in one to two minutes, sent at their due time
        ClinicApi.Person reminded = clinic.client("UTC");
        clinic.link(reminded, therapist);
        String dueAt = LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0).plusMinutes(2)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        for (int i = 0; i < REMINDERS; i++) {
            String title = "Activity plan " + (i + 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> clinic.as(therapist).contentType(ContentType.JSON)
                    .body(Map.of("clientId", reminded.id(), "title", title,
                            "rationale", "Planned pleasant activities lift mood.",
                            "schedule", Map.of("type", "ONE_OFF", "dueAt", dueAt),
                            "reminderPolicy", Map.of("enabled", true, "minutesBefore", 0, "maxPerDay", 3)))
                    .when().post("/api/v1/assignments").statusCode() == 201);
        }

        int warmUp = load.awaitWritable();
        CompletionLoad.Burst burst = load.write(WRITES, 4);
        int expectedCompletions = warmUp + WRITES;
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> load.completionNotifications() >= expectedCompletions);

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5))
                .until(() -> CompletionLoad.inboxByKind(clinic, reminded).getOrDefault("reminder", 0) >= REMINDERS);
        // both dispatchers run again (every 30 s): nothing more may come
        await().during(Duration.ofSeconds(31)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(5))
                .until(() -> CompletionLoad.inboxByKind(clinic, reminded).getOrDefault("reminder", 0) == REMINDERS);
        Map<String, Integer> remindedInbox = CompletionLoad.inboxByKind(clinic, reminded);
        int completions = load.completionNotifications();

        List<String> invited = List.of(therapist.email(), reminded.email());
        List<Integer> invitationEmails = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> invited.stream().allMatch(email -> invitationsTo(platform, email) >= 1));
        for (String email : invited) {
            invitationEmails.add(invitationsTo(platform, email));
        }

        int reminders = remindedInbox.getOrDefault("reminder", 0);
        int duplicates = Math.max(0, completions - expectedCompletions) + Math.max(0, reminders - REMINDERS)
                + invitationEmails.stream().mapToInt(n -> Math.max(0, n - 1)).sum();
        int lost = Math.max(0, expectedCompletions - completions) + Math.max(0, REMINDERS - reminders)
                + (int) invitationEmails.stream().filter(n -> n == 0).count();
        FaultStack.report("scale-out", "instances", FaultStack.INSTANCES, "requests", WRITES, "faults", 0,
                "notifications", completions, "reminders", reminders, "invitationEmails", invitationEmails,
                "webhooks", "not-built", "lost", lost, "duplicates", duplicates);
        assertEquals(WRITES, burst.answered(201), () -> "writes through both gateways: " + burst.statuses());
        assertEquals(expectedCompletions, completions, "one notification per entry");
        assertEquals(REMINDERS, reminders, "each reminder sent once: " + remindedInbox);
        assertEquals(REMINDERS, remindedInbox.getOrDefault("assignment.created", 0), "one new-homework notification each");
        assertEquals(List.of(1, 1), invitationEmails, "one invitation email per person");
    }

    private static int invitationsTo(FaultStack platform, String email) {
        int count = 0;
        for (Message message : platform.stack().mail().received()) {
            try {
                if (message.getAllRecipients()[0].toString().equals(email) && INVITATION_SUBJECT.equals(message.getSubject())) {
                    count++;
                }
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return count;
    }
}
