package org.intersession.assignment.assignment;

import org.intersession.platform.schedule.Occurrence;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.schedule.RecurrenceRule;
import org.intersession.platform.schedule.ScheduleSpec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.Optional;

/**
 * When an assignment's last occurrence stops counting, for the expiry job. Empty for a schedule without an end.
 * A COUNT schedule is walked to its last instance; an UNTIL schedule ends, at the latest, a window after UNTIL.
 */
final class ScheduleEnd {

    private ScheduleEnd() {
    }

    static Optional<Instant> of(ScheduleSpec spec, ZoneId zone) {
        OccurrenceExpander expander = new OccurrenceExpander();
        RecurrenceRule rule = spec.rule();
        if (rule == null) {
            return expander.next(spec, zone, spec.start().atZone(zone).toInstant().minusSeconds(172_800)).map(Occurrence::windowEnd);
        }
        if (rule.until().isPresent()) {
            return Optional.of(untilInstant(rule.until().get(), zone).plus(spec.windowAfter()));
        }
        if (rule.count().isEmpty()) {
            return Optional.empty();
        }
        // COUNT is at most 1000 instances (RecurrenceRule), so this walk is bounded
        Instant after = spec.start().atZone(zone).toInstant().minusSeconds(172_800);
        Occurrence last = null;
        for (Optional<Occurrence> next = expander.next(spec, zone, after); next.isPresent(); next = expander.next(spec, zone, last.dueAt())) {
            last = next.get();
        }
        return Optional.ofNullable(last).map(Occurrence::windowEnd);
    }

    private static Instant untilInstant(Temporal until, ZoneId zone) {
        if (until instanceof Instant instant) {
            return instant;
        }
        if (until instanceof LocalDate date) {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ((LocalDateTime) until).atZone(zone).toInstant();
    }
}
