package org.intersession.notification.digest;

import org.intersession.notification.AllClinics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.intersession.notification.email.EmailDelivery;
import org.intersession.notification.email.TestContacts;
import org.intersession.notification.notification.Notification;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.progress.OccurrenceMissed;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.platform.event.progress.ProgressRecorded;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TherapistDigestsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Inject
    TherapistDigests digests;

    @Inject
    EntityManager em;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID clientA = UUID.randomUUID();
    private final UUID clientB = UUID.randomUUID();

    @Test
    void completionsArriveAsOneDailyDigestSentOnceAfterDowntime() throws Exception {
        TestContacts.knownAddress(clinic, therapist, "THERAPIST");
        preferences(Map.of("completionDelivery", "DAILY_DIGEST", "dailyDigestTime", "18:00", "timeZone", "Europe/Berlin"));
        recorded(clientA, "DONE");
        recorded(clientB, "PARTIAL");
        recorded(clientB, "SKIPPED");
        await().atMost(Duration.ofSeconds(30)).until(() -> items() == 3);
        assertEquals(0, notifications("progress.recorded"), "no notification per completion");

        // two digest times passed while the service was down: one digest, covering both days
        Instant later = Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofHours(1));
        Thread other = new Thread(() -> digests.dispatchDue(later));
        other.start();
        digests.dispatchDue(later);
        other.join();
        digests.dispatchDue(later);

        assertEquals(1, notifications("digest.daily"), "one digest, sent once by two dispatchers");
        Notification digest = only("digest.daily");
        assertEquals("Daily digest: 2 completed", digest.title);
        assertEquals("2 homework entries were completed by 2 clients since your last digest.", digest.body);
        assertEquals(DigestClock.nextAfter(later, BERLIN, null, LocalTime.of(18, 0)), dueAt(TherapistDigests.DAILY),
                "the next digest is the next 18:00 in Berlin after the catch-up");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(AllClinics.call(() ->
                EmailDelivery.<EmailDelivery>find("recipientId = ?1 and kind = 'digest.daily'", therapist).firstResult().status)));
    }

    @Test
    void theWeeklyDigestCountsEachClientsWeek() {
        preferences(Map.of("weeklyDigestDay", "FRIDAY", "weeklyDigestTime", "16:00", "timeZone", "America/New_York"));
        recorded(clientA, "DONE");
        recorded(clientA, "SKIPPED");
        TestEvents.publish(Topics.PROGRESS, clientA.toString(), ProgressFlagged.TYPE, "progress-entries/x",
                new ProgressFlagged(UUID.randomUUID(), UUID.randomUUID(), clinic, clientA, therapist, "mood", "Mood", 1, null, now()));
        TestEvents.publish(Topics.PROGRESS, clientB.toString(), OccurrenceMissed.TYPE, "missed",
                new OccurrenceMissed(UUID.randomUUID(), clinic, clientB, therapist, "2026-11-20T20:00", Instant.now(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> items() == 4);

        digests.dispatchDue(Instant.now().plus(Duration.ofDays(8)));

        Notification digest = only("digest.weekly");
        assertEquals("Weekly digest: 2 clients", digest.title);
        assertTrue(digest.body.contains("Client " + clientA.toString().substring(0, 8) + ": 1 completed, 1 skipped, 0 missed, 1 flagged"),
                digest.body);
        assertTrue(digest.body.contains("Client " + clientB.toString().substring(0, 8) + ": 0 completed, 0 skipped, 1 missed, 0 flagged"),
                digest.body);
        assertEquals(0, notifications("digest.daily"), "no daily digest was asked for");
    }

    @Test
    void aDailyDigestStaysAtItsLocalTimeAcrossBothDstChanges() {
        preferences(Map.of("completionDelivery", "DAILY_DIGEST", "dailyDigestTime", "18:00", "timeZone", "Europe/Berlin"));
        moveSchedule(Instant.parse("2026-03-28T17:00:00Z"));
        digests.dispatchDue(Instant.parse("2026-03-28T17:00:05Z"));
        assertEquals(Instant.parse("2026-03-29T16:00:00Z"), dueAt(TherapistDigests.DAILY), "18:00 CEST after spring forward");

        moveSchedule(Instant.parse("2026-10-24T16:00:00Z"));
        digests.dispatchDue(Instant.parse("2026-10-24T16:00:05Z"));
        assertEquals(Instant.parse("2026-10-25T17:00:00Z"), dueAt(TherapistDigests.DAILY), "18:00 CET after fall back");
    }

    @Test
    void choosingEachCompletionAgainDropsTheDailyDigest() {
        preferences(Map.of("completionDelivery", "DAILY_DIGEST", "dailyDigestTime", "18:00", "timeZone", "Europe/Berlin"));
        assertFalse(schedules().isEmpty());
        preferences(Map.of("completionDelivery", "EACH"));
        assertTrue(schedules().isEmpty());
        given().auth().oauth2(TestTokens.therapist(clinic, therapist)).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP"), "timeZone", "Mars/Olympus"))
                .when().put("/api/v1/notification-preferences")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("timeZone"));
    }

    private void preferences(Map<String, Object> choices) {
        Map<String, Object> body = new HashMap<>(choices);
        body.put("channels", List.of("IN_APP", "EMAIL"));
        given().auth().oauth2(TestTokens.therapist(clinic, therapist)).header("If-Match", "*").contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/notification-preferences").then().statusCode(200);
    }

    private void recorded(UUID client, String status) {
        TestEvents.publish(Topics.PROGRESS, client.toString(), ProgressRecorded.TYPE, "progress-entries/x",
                new ProgressRecorded(UUID.randomUUID(), UUID.randomUUID(), clinic, client, therapist, "2026-11-20T20:00", status, false, now()));
    }

    private void moveSchedule(Instant due) {
        AllClinics.run(() -> em.createNativeQuery(
                        "update digest_schedule set due_at = :due, period_start = :start where therapist_id = :t")
                .setParameter("due", OffsetDateTime.ofInstant(due, ZoneOffset.UTC))
                .setParameter("start", OffsetDateTime.ofInstant(due.minus(Duration.ofDays(1)), ZoneOffset.UTC))
                .setParameter("t", therapist).executeUpdate());
    }

    private Instant dueAt(String kind) {
        return AllClinics.call(() -> ((OffsetDateTime) em.createNativeQuery(
                        "select due_at from digest_schedule where therapist_id = :t and kind = :k", OffsetDateTime.class)
                .setParameter("t", therapist).setParameter("k", kind).getSingleResult()).toInstant());
    }

    @SuppressWarnings("unchecked")
    private List<Object> schedules() {
        return AllClinics.call(() -> em.createNativeQuery("select kind from digest_schedule where therapist_id = :t")
                .setParameter("t", therapist).getResultList());
    }

    private long items() {
        return AllClinics.call(() -> ((Number) em.createNativeQuery(
                "select count(*) from digest_item where therapist_id = :t").setParameter("t", therapist).getSingleResult()).longValue());
    }

    private long notifications(String kind) {
        return AllClinics.call(() -> Notification.count("recipientId = ?1 and kind = ?2", therapist, kind));
    }

    private Notification only(String kind) {
        return AllClinics.call(() -> Notification.<Notification>find("recipientId = ?1 and kind = ?2", therapist, kind)
                .singleResult());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
