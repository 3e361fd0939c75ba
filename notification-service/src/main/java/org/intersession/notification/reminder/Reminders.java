package org.intersession.notification.reminder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.intersession.notification.DueBatches;
import org.intersession.notification.email.EmailChannel;
import org.intersession.notification.notification.Notification;
import org.intersession.notification.notification.NotificationWriter;
import org.intersession.notification.preference.NotificationPreference;
import org.intersession.notification.preference.PreferencesChanged;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.tenancy.Tenancy;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Client reminders: planned from each assignment snapshot (replanned when it changes, cancelled when it is paused or
 * ends, or when the occurrence is logged), persisted, and sent by a dispatcher that claims due rows with FOR UPDATE
 * SKIP LOCKED, so several instances never send one reminder twice. A reminder found much later than its time (after
 * downtime) is skipped rather than sent, so a restart never floods a client.
 * <p>
 * Tenancy: planning runs in the clinic of the assignment event; the horizon and dispatch jobs claim due rows across
 * clinics ({@link Tenancy#acrossClinics}), and every row they write names the clinic of the reminder it comes from.
 */
@ApplicationScoped
public class Reminders {

    /** A reminder this late is no longer useful. */
    static final Duration STALE_AFTER = Duration.ofMinutes(30);
    static final int BATCH = 100;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final EntityManager em;
    private final NotificationWriter writer;
    private final EmailChannel email;
    private final String inboxUrl;
    private final ReminderPlanner planner = new ReminderPlanner();
    private final Duration horizon;
    private final int maxPerClientPerDay;

    Reminders(EntityManager em, NotificationWriter writer, EmailChannel email,
              @ConfigProperty(name = "intersession.notification.inbox-url") String inboxUrl,
              @ConfigProperty(name = "intersession.reminders.horizon") Duration horizon,
              @ConfigProperty(name = "intersession.reminders.max-per-client-per-day") int maxPerClientPerDay) {
        this.em = em;
        this.writer = writer;
        this.email = email;
        this.inboxUrl = inboxUrl;
        this.horizon = horizon;
        this.maxPerClientPerDay = maxPerClientPerDay;
    }

    /** Keeps the plan in step with the assignment; an older snapshot than the one held changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void plan(AssignmentSnapshot snapshot) {
        ReminderPlan plan = ReminderPlan.findById(snapshot.assignmentId());
        if (plan != null && plan.version > snapshot.version()) {
            return;
        }
        if (plan == null) {
            plan = new ReminderPlan();
            plan.assignmentId = snapshot.assignmentId();
            plan.clinicId = snapshot.clinicId();
            plan.clientId = snapshot.clientId();
        }
        plan.title = snapshot.title();
        plan.status = snapshot.status();
        plan.timeZone = snapshot.timeZone();
        plan.schedule = snapshot.schedule();
        plan.reminderPolicy = snapshot.reminderPolicy();
        plan.version = snapshot.version();
        Instant now = Instant.now();
        plan.plannedUntil = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        plan.persist();
        Reminder.update("status = 'CANCELLED', outcome = 'assignment changed' where assignmentId = ?1 and status = 'PENDING'",
                plan.assignmentId);
        if (plan.isRemindable()) {
            extend(plan, now.plus(horizon));
        }
    }

    /** The client logged this occurrence: its reminder, if not sent yet, is no longer needed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void occurrenceLogged(UUID assignmentId, String occurrenceKey) {
        // over JDBC in the transaction's connection: this runs for every logged entry, and Hibernate translated the
        // HQL update anew on every call
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement cancel = connection.prepareStatement("""
                    update reminder set status = 'CANCELLED', outcome = 'occurrence logged'
                    where clinic_id = ? and assignment_id = ? and occurrence_key = ? and status = 'PENDING'""")) {
                cancel.setObject(1, Tenancy.clinicId());
                cancel.setObject(2, assignmentId);
                cancel.setString(3, occurrenceKey);
                cancel.executeUpdate();
            }
        });
    }

    /** Quiet hours live in the client's preferences: a change moves the reminders not sent yet. */
    void preferencesChanged(@Observes PreferencesChanged changed) {
        Instant now = Instant.now();
        ReminderPlan.<ReminderPlan>list("clientId = ?1 and clinicId = ?2 and status in ('ASSIGNED', 'ACTIVE')",
                changed.userId(), changed.clinicId()).forEach(plan -> {
            Reminder.update("status = 'CANCELLED', outcome = 'assignment changed' where assignmentId = ?1 and status = 'PENDING'",
                    plan.assignmentId);
            plan.plannedUntil = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            extend(plan, now.plus(horizon));
        });
    }

    /** Plans further ahead for every assignment whose plan runs out within half the horizon. */
    @Scheduled(identity = "reminder-horizon", every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void extendHorizons() {
        Instant now = Instant.now();
        Tenancy.acrossClinics("reminder horizon: every clinic's plans that run out within half the horizon",
                () -> QuarkusTransaction.requiringNew().run(() -> ReminderPlan.<ReminderPlan>list(
                        "status in ('ASSIGNED', 'ACTIVE') and plannedUntil < ?1", OffsetDateTime.ofInstant(now.plus(horizon.dividedBy(2)), ZoneOffset.UTC))
                .forEach(plan -> extend(plan, now.plus(horizon)))));
    }

    @Scheduled(identity = "reminder-dispatch", every = "${intersession.reminders.dispatch-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        dispatchDue(Instant.now());
    }

    /** Sends every reminder due at {@code now}, a batch per transaction. @return how many were handled */
    public int dispatchDue(Instant now) {
        return Tenancy.acrossClinics("reminder dispatch: claims every clinic's due reminders",
                () -> DueBatches.drain(BATCH, () -> dispatchBatch(now)));
    }

    @SuppressWarnings("unchecked")
    int dispatchBatch(Instant now) {
        List<Reminder> due = em.createNativeQuery("""
                        select * from reminder where status = 'PENDING' and send_at <= :now
                        order by send_at limit :n for update skip locked""", Reminder.class)
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter("n", BATCH)
                .getResultList();
        for (Reminder reminder : due) {
            send(reminder, now);
        }
        return due.size();
    }

    private void send(Reminder reminder, Instant now) {
        ReminderPlan plan = ReminderPlan.<ReminderPlan>find("assignmentId = ?1 and clinicId = ?2", reminder.assignmentId, reminder.clinicId)
                .firstResult();
        if (plan == null || !plan.isRemindable()) {
            finish(reminder, "CANCELLED", "assignment not active", now);
            return;
        }
        if (reminder.sendAt.toInstant().plus(STALE_AFTER).isBefore(now)) {
            finish(reminder, "SKIPPED", "too late to be useful", now);
            return;
        }
        ZoneId zone = ZoneId.of(plan.timeZone);
        OffsetDateTime dayStart = OffsetDateTime.ofInstant(now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
        if (Reminder.count("clinicId = ?1 and clientId = ?2 and status = 'SENT' and sentAt >= ?3", reminder.clinicId, reminder.clientId,
                dayStart) >= maxPerClientPerDay) {
            finish(reminder, "SKIPPED", "daily cap for this client reached", now);
            return;
        }
        String due = CLOCK.format(reminder.dueAt.atZoneSameInstant(zone));
        Notification inApp = writer.write(reminder.clinicId, reminder.clientId, "reminder", "NORMAL", "Reminder: " + plan.title,
                "Due at " + due + ".", "reminder#" + reminder.id);
        // the title names the homework: only with the client's consent to details in email
        String text = (email.mayIncludeDetails(reminder.clientId) ? "Reminder: " + plan.title + " is due at " + due + "."
                : "You have homework due at " + due + ".") + "\n\nOpen it in Intersession: " + inboxUrl + inApp.id + "\n";
        EmailChannel.Outcome emailed = email.send(inApp, "Intersession reminder", text);
        finish(reminder, "SENT", "IN_APP: delivered; EMAIL: " + emailed.name().toLowerCase(java.util.Locale.ROOT), now);
    }

    private static void finish(Reminder reminder, String status, String outcome, Instant now) {
        reminder.status = status;
        reminder.outcome = outcome;
        reminder.sentAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    }

    private void extend(ReminderPlan plan, Instant until) {
        Instant from = plan.plannedUntil.toInstant();
        if (!until.isAfter(from)) {
            return;
        }
        ZoneId zone = ZoneId.of(plan.timeZone);
        ReminderPlanner.QuietHours quiet = quietHoursOf(plan);
        for (ReminderPlanner.Planned planned : planner.plan(plan.schedule.toSpec(), zone, plan.reminderPolicy, quiet, from, until)) {
            em.createNativeQuery("""
                            insert into reminder (id, clinic_id, client_id, assignment_id, occurrence_key, due_at, window_end, send_at, status)
                            values (:id, :clinic, :client, :assignment, :key, :due, :end, :send, 'PENDING')
                            on conflict (assignment_id, occurrence_key) do update set send_at = excluded.send_at, due_at = excluded.due_at,
                                window_end = excluded.window_end, status = 'PENDING', outcome = null
                            where reminder.status = 'CANCELLED' and reminder.outcome = 'assignment changed'""")
                    .setParameter("id", UUID.randomUUID()).setParameter("clinic", plan.clinicId).setParameter("client", plan.clientId)
                    .setParameter("assignment", plan.assignmentId).setParameter("key", planned.occurrenceKey())
                    .setParameter("due", OffsetDateTime.ofInstant(planned.dueAt(), ZoneOffset.UTC))
                    .setParameter("end", OffsetDateTime.ofInstant(planned.windowEnd(), ZoneOffset.UTC))
                    .setParameter("send", OffsetDateTime.ofInstant(planned.sendAt(), ZoneOffset.UTC))
                    .executeUpdate();
        }
        plan.plannedUntil = OffsetDateTime.ofInstant(until, ZoneOffset.UTC);
    }

    /** The client's own quiet hours, local to their preferences' zone (the assignment's until they saved one). */
    private static ReminderPlanner.QuietHours quietHoursOf(ReminderPlan plan) {
        NotificationPreference preference = NotificationPreference.findById(plan.clientId);
        if (preference == null || !preference.clinicId.equals(plan.clinicId)) {
            return new ReminderPlanner.QuietHours(null, null);
        }
        return new ReminderPlanner.QuietHours(preference.quietHoursStart, preference.quietHoursEnd,
                preference.timeZone == null ? null : ZoneId.of(preference.timeZone));
    }
}
