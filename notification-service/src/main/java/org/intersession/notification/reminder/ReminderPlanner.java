package org.intersession.notification.reminder;

import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.schedule.Occurrence;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.schedule.ScheduleSpec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When to remind a client of each occurrence: {@code minutesBefore} its due time in the client's zone (so a daily
 * 08:00 practice is reminded at 07:00 local time in summer and in winter), moved to the end of the client's quiet
 * hours if it falls inside them, dropped if that is after the occurrence's window, and at most {@code maxPerDay}
 * per local day for this assignment. Pure: no clock, no I/O.
 */
public final class ReminderPlanner {

    public record Planned(String occurrenceKey, Instant dueAt, Instant windowEnd, Instant sendAt) {
    }

    /**
     * Quiet hours as local times in {@code zone} (the schedule's zone when null); the window may wrap past midnight
     * (22:00 to 07:00). Null ends: none.
     */
    public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

        public QuietHours(LocalTime start, LocalTime end) {
            this(start, end, null);
        }

        boolean contains(LocalTime time) {
            if (start == null || end == null || start.equals(end)) {
                return false;
            }
            return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end) : !time.isBefore(start) || time.isBefore(end);
        }

        /** The end of the quiet spell that contains {@code at}. */
        ZonedDateTime endAfter(ZonedDateTime at) {
            ZonedDateTime sameDay = at.with(end);
            return sameDay.isAfter(at) ? sameDay : at.toLocalDate().plusDays(1).atTime(end).atZone(at.getZone());
        }
    }

    private final OccurrenceExpander expander = new OccurrenceExpander();

    public List<Planned> plan(ScheduleSpec schedule, ZoneId zone, ReminderPolicy policy, QuietHours quiet, Instant from, Instant to) {
        if (!policy.enabled()) {
            return List.of();
        }
        List<Planned> planned = new ArrayList<>();
        Map<LocalDate, Integer> perDay = new HashMap<>();
        // occurrences due up to minutesBefore after "to" are reminded inside [from, to)
        for (Occurrence occurrence : expander.expand(schedule, zone, from, to.plusSeconds(policy.minutesBefore() * 60L))) {
            ZonedDateTime sendAt = occurrence.dueAt().minusSeconds(policy.minutesBefore() * 60L).atZone(zone);
            ZonedDateTime quietLocal = quiet.zone() == null ? sendAt : sendAt.withZoneSameInstant(quiet.zone());
            if (quiet.contains(quietLocal.toLocalTime())) {
                sendAt = quiet.endAfter(quietLocal).withZoneSameInstant(zone);
            }
            Instant send = sendAt.toInstant();
            if (send.isBefore(from) || !send.isBefore(to) || send.isAfter(occurrence.windowEnd())) {
                continue;
            }
            LocalDate day = sendAt.toLocalDate();
            if (perDay.merge(day, 1, Integer::sum) > policy.maxPerDay()) {
                continue;
            }
            planned.add(new Planned(occurrence.key(), occurrence.dueAt(), occurrence.windowEnd(), send));
        }
        return planned;
    }
}
