package org.intersession.progress.missed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.progress.OccurrenceMissed;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.schedule.Occurrence;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.schedule.ScheduleSpec;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.progress.entry.ProgressEntry;
import org.intersession.progress.replica.TrackedAssignment;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * Emits occurrence-missed when a due window closes without an entry. Each run claims a batch of assignments with
 * FOR UPDATE SKIP LOCKED (several instances share the work, none does it twice), looks at the windows that closed
 * since that assignment's watermark, moves the watermark, and notes when the next window closes: an assignment is
 * claimed again only once that window has closed (and at once after an assignment event, which clears the note).
 * After downtime it catches up at most a month per assignment per pass, so nothing floods.
 */
@ApplicationScoped
public class MissedOccurrenceJob {

    static final int BATCH = 50;
    static final Duration MAX_CATCH_UP = Duration.ofDays(31);

    private final EntityManager em;
    private final Outbox outbox;
    private final OccurrenceExpander expander = new OccurrenceExpander();

    MissedOccurrenceJob(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    @Scheduled(identity = "missed-occurrences", every = "${intersession.progress.missed-check-interval:1m}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void run() {
        Instant now = Instant.now();
        Tenancy.acrossClinics("missed occurrences: every clinic's assignments whose next window has closed", () -> {
            while (QuarkusTransaction.requiringNew().call(() -> checkBatch(now)) == BATCH) {
                // another full batch may be waiting
            }
        });
    }

    @SuppressWarnings("unchecked")
    int checkBatch(Instant now) {
        List<TrackedAssignment> due = em.createNativeQuery("""
                        select * from tracked_assignment
                        where status in ('ASSIGNED', 'ACTIVE', 'EXPIRED', 'COMPLETED') and schedule is not null
                          and coalesce(missed_next_window_end, missed_checked_until, assigned_at) < :settled
                        order by coalesce(missed_next_window_end, missed_checked_until, assigned_at)
                        limit :n for update skip locked""", TrackedAssignment.class)
                .setParameter("settled", now.minusSeconds(60).atOffset(ZoneOffset.UTC))
                .setParameter("n", BATCH)
                .getResultList();
        for (TrackedAssignment assignment : due) {
            check(assignment, now);
        }
        return due.size();
    }

    private void check(TrackedAssignment assignment, Instant now) {
        ScheduleSpec spec = assignment.schedule.toSpec();
        ZoneId zone = ZoneId.of(assignment.timeZone);
        Instant since = (assignment.missedCheckedUntil != null ? assignment.missedCheckedUntil : assignment.assignedAt).toInstant();
        Instant until = now.isAfter(since.plus(MAX_CATCH_UP)) ? since.plus(MAX_CATCH_UP) : now;
        // occurrences whose window closed in (since, until]
        List<Occurrence> closed = expander.expand(spec, zone, since.minus(spec.windowAfter()), until.minus(spec.windowAfter()));
        for (Occurrence occurrence : closed) {
            if (!occurrence.windowEnd().isAfter(since) || occurrence.windowEnd().isAfter(until)) {
                continue;
            }
            if (ProgressEntry.count("assignmentId = ?1 and occurrenceKey = ?2", assignment.assignmentId, occurrence.key()) > 0) {
                continue;
            }
            int inserted = em.createNativeQuery("""
                            insert into missed_occurrence (assignment_id, occurrence_key, clinic_id, client_id, due_at, detected_at)
                            values (:a, :k, :c, :cl, :due, now()) on conflict do nothing""")
                    .setParameter("a", assignment.assignmentId).setParameter("k", occurrence.key())
                    .setParameter("c", assignment.clinicId).setParameter("cl", assignment.clientId)
                    .setParameter("due", occurrence.dueAt().atOffset(ZoneOffset.UTC))
                    .executeUpdate();
            if (inserted == 1) {
                outbox.append(Topics.PROGRESS, assignment.clientId.toString(), OccurrenceMissed.TYPE,
                        "assignments/" + assignment.assignmentId + "/occurrences/" + occurrence.key(),
                        new OccurrenceMissed(assignment.assignmentId, assignment.clinicId, assignment.clientId,
                                assignment.therapistId, occurrence.key(), occurrence.dueAt(), occurrence.windowEnd()));
            }
        }
        assignment.missedCheckedUntil = OffsetDateTime.ofInstant(until, ZoneOffset.UTC);
        assignment.missedNextWindowEnd = OffsetDateTime.ofInstant(nextWindowEnd(spec, zone, until), ZoneOffset.UTC);
    }

    /** When the first window closing after {@code until} closes; a month on if none does within a month. */
    Instant nextWindowEnd(ScheduleSpec spec, ZoneId zone, Instant until) {
        Instant from = until.minus(spec.windowAfter());
        return expander.expand(spec, zone, from, from.plus(MAX_CATCH_UP)).stream()
                .map(Occurrence::windowEnd)
                .filter(end -> end.isAfter(until))
                .min(Comparator.naturalOrder())
                .orElse(until.plus(MAX_CATCH_UP));
    }
}
