package org.intersession.progress.adherence;

import org.intersession.platform.schedule.Occurrence;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ScheduleExpansionsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Around the spring DST change in Berlin (29 March 2026). */
    private static final Instant FROM = Instant.parse("2026-03-22T23:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-05T22:00:00Z");

    private static Schedule daily(String start, List<LocalDate> excluded) {
        return new Schedule(Schedule.Type.RECURRING, null, LocalDateTime.parse(start), "FREQ=DAILY", excluded, null, null);
    }

    private static List<Occurrence> expanded(Schedule schedule, ZoneId zone) {
        return new OccurrenceExpander().expand(schedule.toSpec(), zone, FROM, TO);
    }

    @Test
    void aRememberedExpansionIsTheExpandersAnswer() {
        ScheduleExpansions expansions = new ScheduleExpansions(() -> 10);
        Schedule schedule = daily("2026-03-01T20:00", List.of());
        List<Occurrence> first = expansions.expand(schedule, BERLIN, FROM, TO);
        assertEquals(expanded(schedule, BERLIN), first);
        assertEquals(14, first.size());
        assertEquals(first, expansions.expand(daily("2026-03-01T20:00", List.of()), BERLIN, FROM, TO));
    }

    @Test
    void aChangedScheduleZoneOrRangeIsExpandedAfresh() {
        ScheduleExpansions expansions = new ScheduleExpansions(() -> 10);
        Schedule before = daily("2026-03-01T20:00", List.of());
        Schedule moved = daily("2026-03-01T07:30", List.of());
        Schedule withDayOff = daily("2026-03-01T20:00", List.of(LocalDate.parse("2026-03-29")));
        expansions.expand(before, BERLIN, FROM, TO);

        assertEquals(expanded(moved, BERLIN), expansions.expand(moved, BERLIN, FROM, TO));
        assertEquals(13, expansions.expand(withDayOff, BERLIN, FROM, TO).size());
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertEquals(expanded(before, tokyo), expansions.expand(before, tokyo, FROM, TO));
        assertNotEquals(expansions.expand(before, BERLIN, FROM, TO), expansions.expand(before, tokyo, FROM, TO));
        assertEquals(7, expansions.expand(before, BERLIN, FROM, Instant.parse("2026-03-29T22:00:00Z")).size());
    }

    @Test
    void expansionsBeyondTheCapacityAreStillRight() {
        ScheduleExpansions expansions = new ScheduleExpansions(() -> 2);
        for (int hour = 6; hour < 12; hour++) {
            Schedule schedule = daily("2026-03-01T%02d:00".formatted(hour), List.of());
            assertEquals(expanded(schedule, BERLIN), expansions.expand(schedule, BERLIN, FROM, TO));
        }
        Schedule first = daily("2026-03-01T06:00", List.of());
        assertEquals(expanded(first, BERLIN), expansions.expand(first, BERLIN, FROM, TO));
    }
}
