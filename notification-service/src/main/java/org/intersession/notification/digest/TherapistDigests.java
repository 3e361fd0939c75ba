package org.intersession.notification.digest;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.notification.DueBatches;
import org.intersession.notification.email.EmailChannel;
import org.intersession.notification.notification.Notification;
import org.intersession.notification.notification.NotificationWriter;
import org.intersession.notification.preference.NotificationPreference;
import org.intersession.notification.preference.PreferencesInput;
import org.intersession.platform.tenancy.Tenancy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Therapists' digests: completed homework once a day at their local {@code dailyDigestTime} (when they chose
 * DAILY_DIGEST over each completion), and a weekly summary per client at {@code weeklyDigestDay}/{@code weeklyDigestTime}.
 * Events are counted as they arrive into {@code digest_item}; the schedule is persisted and claimed with FOR UPDATE SKIP
 * LOCKED, so several instances send each digest once. A digest found overdue (after downtime) is sent once, covering
 * everything since the last one, and the next is planned after now: never one per missed period.
 * <p>
 * Tenancy: preferences and events are handled in their clinic; the dispatch job claims due digests across clinics
 * ({@link Tenancy#acrossClinics}), and every statement on one digest names its clinic.
 */
@ApplicationScoped
public class TherapistDigests {

    public static final String DAILY = "DAILY";
    public static final String WEEKLY = "WEEKLY";
    static final int BATCH = 50;

    /** What is counted into digests, from progress events. */
    public enum Item { COMPLETED, SKIPPED, MISSED, FLAGGED }

    private final EntityManager em;
    private final NotificationWriter writer;
    private final EmailChannel email;
    private final String inboxUrl;

    TherapistDigests(EntityManager em, NotificationWriter writer, EmailChannel email,
                     @ConfigProperty(name = "intersession.notification.inbox-url") String inboxUrl) {
        this.em = em;
        this.writer = writer;
        this.email = email;
        this.inboxUrl = inboxUrl;
    }

    /** Plans (or drops) the user's digests after their preferences changed; what accumulated so far is kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reschedule(NotificationPreference preference, Instant now) {
        ZoneId zone = ZoneId.of(preference.timeZone);
        plan(preference, DAILY, preference.completionDelivery == PreferencesInput.CompletionDelivery.DAILY_DIGEST
                ? DigestClock.nextAfter(now, zone, null, preference.dailyDigestTime) : null, now);
        plan(preference, WEEKLY, preference.weeklyDigestDay != null
                ? DigestClock.nextAfter(now, zone, preference.weeklyDigestDay, preference.weeklyDigestTime) : null, now);
    }

    private void plan(NotificationPreference preference, String kind, Instant due, Instant now) {
        if (due == null) {
            em.createNativeQuery("delete from digest_schedule where clinic_id = :c and therapist_id = :t and kind = :k")
                    .setParameter("c", preference.clinicId).setParameter("t", preference.userId).setParameter("k", kind)
                    .executeUpdate();
            return;
        }
        em.createNativeQuery("""
                        insert into digest_schedule (therapist_id, kind, clinic_id, period_start, due_at) values (:t, :k, :c, :now, :due)
                        on conflict (therapist_id, kind) do update set due_at = excluded.due_at, clinic_id = excluded.clinic_id""")
                .setParameter("t", preference.userId).setParameter("k", kind).setParameter("c", preference.clinicId)
                .setParameter("now", utc(now)).setParameter("due", utc(due)).executeUpdate();
    }

    /** Counts one event of the current clinic into the therapist's digests, if they have any; a redelivered event counts once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID therapistId, UUID clientId, Item item, String sourceId) {
        em.createNativeQuery("""
                        insert into digest_item (therapist_id, clinic_id, client_id, kind, occurred_at, source_event_id)
                        select :t, :c, :client, :k, :at, :source
                        where exists (select 1 from digest_schedule where clinic_id = :c and therapist_id = :t)
                        on conflict do nothing""")
                .setParameter("t", therapistId).setParameter("c", Tenancy.clinicId()).setParameter("client", clientId)
                .setParameter("k", item.name()).setParameter("at", OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter("source", sourceId).executeUpdate();
    }

    @Scheduled(identity = "digest-dispatch", every = "${intersession.digests.dispatch-interval:1m}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        dispatchDue(Instant.now());
    }

    /** Sends every digest due at {@code now}, a batch per transaction. @return how many were handled */
    public int dispatchDue(Instant now) {
        return Tenancy.acrossClinics("digest dispatch: claims every clinic's due digests",
                () -> DueBatches.drain(BATCH, () -> dispatchBatch(now)));
    }

    @SuppressWarnings("unchecked")
    int dispatchBatch(Instant now) {
        List<Object[]> due = em.createNativeQuery("""
                        select therapist_id, kind, clinic_id, period_start from digest_schedule where due_at <= :now
                        order by due_at limit :n for update skip locked""")
                .setParameter("now", utc(now)).setParameter("n", BATCH).getResultList();
        for (Object[] row : due) {
            deliver((UUID) row[0], (String) row[1], (UUID) row[2], toInstant(row[3]), now);
        }
        return due.size();
    }

    private void deliver(UUID therapistId, String kind, UUID clinicId, Instant periodStart, Instant now) {
        NotificationPreference preference = NotificationPreference.<NotificationPreference>find(
                "userId = ?1 and clinicId = ?2", therapistId, clinicId).firstResult();
        Map<UUID, long[]> perClient = counts(clinicId, therapistId, periodStart, now);
        String source = "digest#" + kind + "#" + periodStart;
        if (DAILY.equals(kind)) {
            long completed = perClient.values().stream().mapToLong(c -> c[Item.COMPLETED.ordinal()]).sum();
            if (completed > 0) {
                long clients = perClient.values().stream().filter(c -> c[Item.COMPLETED.ordinal()] > 0).count();
                String summary = completed + " homework " + (completed == 1 ? "entry was" : "entries were") + " completed by "
                        + clients + (clients == 1 ? " client" : " clients") + " since your last digest.";
                send(clinicId, therapistId, "digest.daily", "Daily digest: " + completed + " completed", summary, source,
                        "Intersession: your daily digest", summary);
            }
        } else if (!perClient.isEmpty()) {
            StringBuilder body = new StringBuilder();
            long[] totals = new long[Item.values().length];
            perClient.forEach((client, c) -> {
                body.append("Client ").append(client.toString(), 0, 8).append(": ").append(line(c)).append('\n');
                for (int i = 0; i < totals.length; i++) {
                    totals[i] += c[i];
                }
            });
            // the email has the week's totals only: which client did what stays in the app
            send(clinicId, therapistId, "digest.weekly", "Weekly digest: " + perClient.size() + (perClient.size() == 1 ? " client" : " clients"),
                    body.toString().strip(), source, "Intersession: your weekly digest", "This week: " + line(totals) + ".");
        }
        if (preference == null) {
            em.createNativeQuery("delete from digest_schedule where clinic_id = :c and therapist_id = :t and kind = :k")
                    .setParameter("c", clinicId).setParameter("t", therapistId).setParameter("k", kind).executeUpdate();
            return;
        }
        ZoneId zone = ZoneId.of(preference.timeZone);
        Instant next = DAILY.equals(kind) ? DigestClock.nextAfter(now, zone, null, preference.dailyDigestTime)
                : DigestClock.nextAfter(now, zone, preference.weeklyDigestDay, preference.weeklyDigestTime);
        em.createNativeQuery("""
                        update digest_schedule set period_start = :now, due_at = :next
                        where clinic_id = :c and therapist_id = :t and kind = :k""")
                .setParameter("now", utc(now)).setParameter("next", utc(next))
                .setParameter("c", clinicId).setParameter("t", therapistId).setParameter("k", kind).executeUpdate();
        em.createNativeQuery("""
                        delete from digest_item where clinic_id = :c and therapist_id = :t
                        and occurred_at < (select min(period_start) from digest_schedule where clinic_id = :c and therapist_id = :t)""")
                .setParameter("c", clinicId).setParameter("t", therapistId).executeUpdate();
    }

    private void send(UUID clinicId, UUID therapistId, String kind, String title, String body, String source,
                      String subject, String emailText) {
        Notification inApp = writer.write(clinicId, therapistId, kind, "NORMAL", title, body, source);
        email.send(inApp, subject, emailText + "\n\nOpen it in Intersession: " + inboxUrl + inApp.id + "\n");
    }

    private static String line(long[] c) {
        return c[Item.COMPLETED.ordinal()] + " completed, " + c[Item.SKIPPED.ordinal()] + " skipped, "
                + c[Item.MISSED.ordinal()] + " missed, " + c[Item.FLAGGED.ordinal()] + " flagged";
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, long[]> counts(UUID clinicId, UUID therapistId, Instant from, Instant to) {
        Map<UUID, long[]> perClient = new TreeMap<>();
        List<Object[]> rows = em.createNativeQuery("""
                        select client_id, kind, count(*) from digest_item where clinic_id = :c and therapist_id = :t
                        and occurred_at >= :from and occurred_at < :to group by client_id, kind""")
                .setParameter("c", clinicId).setParameter("t", therapistId).setParameter("from", utc(from)).setParameter("to", utc(to)).getResultList();
        for (Object[] row : rows) {
            perClient.computeIfAbsent((UUID) row[0], c -> new long[Item.values().length])[Item.valueOf((String) row[1]).ordinal()]
                    = ((Number) row[2]).longValue();
        }
        return perClient;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
