package org.intersession.progress.adherence;

import org.intersession.platform.schedule.Occurrence;
import org.intersession.platform.schedule.OccurrenceExpander;
import org.intersession.platform.schedule.ScheduleSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Adherence checked against counts worked out by hand. */
class AdherenceCalculatorTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** The week of the spring DST change in Berlin: Monday 23 to Sunday 29 March 2026 (a 23-hour Sunday). */
    private static final List<Occurrence> DST_WEEK = new OccurrenceExpander().expand(
            ScheduleSpec.recurring(LocalDateTime.parse("2026-03-23T20:00"), "FREQ=DAILY", List.of()), BERLIN,
            Instant.parse("2026-03-22T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"));

    @Test
    void aDstWeekWithFiveDoneOneSkippedAndOneMissed() {
        Map<String, AdherenceCalculator.Logged> entries = new HashMap<>();
        entries.put("2026-03-23T20:00", done(false));
        entries.put("2026-03-24T20:00", done(false));
        entries.put("2026-03-25T20:00", done(true));          // logged after its window: late
        entries.put("2026-03-26T20:00", new AdherenceCalculator.Logged("SKIPPED", false));
        entries.put("2026-03-27T20:00", done(false));
        entries.put("2026-03-28T20:00", done(false));
        // Sunday 29 March (the DST day): nothing logged, window closed -> missed

        Adherence a = AdherenceCalculator.compute(DST_WEEK, entries, Instant.parse("2026-04-01T00:00:00Z"), BERLIN);

        assertEquals(7, DST_WEEK.size(), "seven daily occurrences, the short DST Sunday included");
        assertEquals(7, a.expected());
        assertEquals(5, a.done());
        assertEquals(1, a.skipped());
        assertEquals(1, a.missed());
        assertEquals(0.714, a.completionRate());          // 5 / 7
        assertEquals(0.833, a.onTimeRate());              // 5 of 6 logged were on time
        assertEquals(0, a.currentStreak());               // ends with a miss
        assertEquals(3, a.longestStreak());               // Mon-Wed; the skip breaks it; Fri-Sat is 2
        assertEquals(1, a.missedInARow());
        assertEquals(List.of(new Adherence.Week(LocalDate.parse("2026-03-23"), 7, 5, 0, 1, 1, 0.714)), a.weeks());
    }

    @Test
    void anOpenWindowCountsOnlyOnceSomethingWasLoggedAndPartialCountsHalf() {
        Map<String, AdherenceCalculator.Logged> entries = new HashMap<>();
        entries.put("2026-03-23T20:00", new AdherenceCalculator.Logged("PARTIAL", false));
        entries.put("2026-03-24T20:00", done(false));
        // "now" is Wednesday 25 March at 21:00 Berlin: its occurrence is due but its window is still open
        Instant now = Instant.parse("2026-03-25T20:00:00Z");

        Adherence a = AdherenceCalculator.compute(DST_WEEK, entries, now, BERLIN);
        assertEquals(2, a.expected());
        assertEquals(0.75, a.completionRate());           // (1 + 0.5) / 2
        assertEquals(2, a.currentStreak());

        entries.put("2026-03-25T20:00", done(false));
        assertEquals(3, AdherenceCalculator.compute(DST_WEEK, entries, now, BERLIN).expected());
    }

    @Test
    void aClientsAdherenceAddsUpTheirAssignments() {
        Adherence first = AdherenceCalculator.compute(DST_WEEK, Map.of("2026-03-23T20:00", done(false)),
                Instant.parse("2026-03-24T12:00:00Z"), BERLIN);
        Adherence second = AdherenceCalculator.compute(DST_WEEK, Map.of(), Instant.parse("2026-03-24T12:00:00Z"), BERLIN);
        Adherence both = AdherenceCalculator.combine(List.of(first, second));
        assertEquals(2, both.expected());
        assertEquals(1, both.done());
        assertEquals(1, both.missed());
        assertEquals(0.5, both.completionRate());
    }

    private static AdherenceCalculator.Logged done(boolean late) {
        return new AdherenceCalculator.Logged("DONE", late);
    }
}
