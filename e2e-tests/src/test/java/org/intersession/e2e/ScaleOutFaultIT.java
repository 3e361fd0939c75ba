package org.intersession.e2e;

import io.restassured.http.ContentType;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.intersession.launcher.ServiceSpec;
import org.intersession.platform.event.progress.ProgressRecorded;
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
 * consume the identity events, one notification per entry though writes and consumers are spread over two
 * instances each, and one webhook delivery per entry though both instances fan events out and dispatch.
 */
class ScaleOutFaultIT {

    private static final int WRITES = 100;
    private static final int REMINDERS = 3;
    private static final String INVITATION_SUBJECT = "Your invitation to Intersession";

    @Test
    void noReminderNotificationEmailOrWebhookHappensTwiceWithTwoInstancesOfEveryService() {
        FaultStack platform = FaultStack.get();
        assertEquals(FaultStack.INSTANCES, platform.stack().urls(ServiceSpec.NOTIFICATION).size());
        CompletionLoad load = CompletionLoad.prepare(platform, 2, WRITES / 2);
        ClinicApi clinic = load.clinic();
        ClinicApi.Person therapist = load.therapist();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // before the first entry: every entry's progress.recorded event is then one delivery
            clinic.as(clinic.admin()).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of(ProgressRecorded.TYPE), "description", "scale-out count"))
                    .when().post("/api/v1/webhook-endpoints").then().statusCode(201);
            run(platform, load, clinic, therapist, receiver);
        }
    }

    private void run(FaultStack platform, CompletionLoad load, ClinicApi clinic, ClinicApi.Person therapist, WebhookReceiver receiver) {

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

        // one delivery per entry created; both instances dispatch every 5 s, so a second one would come within 10 s
        int expectedWebhooks = load.entriesCreated();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> distinctIds(receiver) >= expectedWebhooks);
        await().during(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> receiver.deliveries().size() == distinctIds(receiver));
        int webhooks = receiver.deliveries().size();
        int webhookEvents = distinctIds(receiver);

        int reminders = remindedInbox.getOrDefault("reminder", 0);
        int duplicates = Math.max(0, completions - expectedCompletions) + Math.max(0, reminders - REMINDERS)
                + invitationEmails.stream().mapToInt(n -> Math.max(0, n - 1)).sum() + (webhooks - webhookEvents);
        int lost = Math.max(0, expectedCompletions - completions) + Math.max(0, REMINDERS - reminders)
                + (int) invitationEmails.stream().filter(n -> n == 0).count() + Math.max(0, expectedWebhooks - webhookEvents);
        FaultStack.report("scale-out", "instances", FaultStack.INSTANCES, "requests", WRITES, "faults", 0,
                "notifications", completions, "reminders", reminders, "invitationEmails", invitationEmails,
                "webhookDeliveries", webhooks, "webhookEvents", webhookEvents, "lost", lost, "duplicates", duplicates);
        assertEquals(WRITES, burst.answered(201), () -> "writes through both gateways: " + burst.statuses());
        assertEquals(expectedCompletions, completions, "one notification per entry");
        assertEquals(REMINDERS, reminders, "each reminder sent once: " + remindedInbox);
        assertEquals(REMINDERS, remindedInbox.getOrDefault("assignment.created", 0), "one new-homework notification each");
        assertEquals(List.of(1, 1), invitationEmails, "one invitation email per person");
        assertEquals(expectedWebhooks, webhookEvents, "a webhook delivery for every entry");
        assertEquals(webhookEvents, webhooks, "no webhook delivered twice");
    }

    /** Deliveries of distinct events: a delivery sent again keeps its webhook-id. */
    private static int distinctIds(WebhookReceiver receiver) {
        return (int) receiver.deliveries().stream().map(WebhookReceiver.Delivery::id).distinct().count();
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
