package org.intersession.platform.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed examples; the UTC instants were checked against the system tz database with date(1). */
class OccurrenceExpanderTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final OccurrenceExpander expander = new OccurrenceExpander();

    @Test
    void dailyPracticeKeepsLocalTimeAcrossDstInLondon() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-03-01T20:00"), "FREQ=DAILY", List.of());

        assertEquals(List.of("2026-03-28T20:00Z", "2026-03-29T19:00Z", "2026-03-30T19:00Z"),
                dueAts(spec, LONDON, "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z"));
        assertEquals(List.of("2026-10-24T19:00Z", "2026-10-25T20:00Z", "2026-10-26T20:00Z"),
                dueAts(spec, LONDON, "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"));
        assertEquals(List.of("2026-10-24T20:00", "2026-10-25T20:00", "2026-10-26T20:00"),
                keys(spec, LONDON, "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"));
    }

    @Test
    void dailyPracticeKeepsLocalTimeAcrossDstInNewYork() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-01-01T08:00"), "FREQ=DAILY", List.of());

        assertEquals(List.of("2026-03-07T13:00Z", "2026-03-08T12:00Z", "2026-03-09T12:00Z"),
                dueAts(spec, NEW_YORK, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"));
        assertEquals(List.of("2026-10-31T12:00Z", "2026-11-01T13:00Z", "2026-11-02T13:00Z"),
                dueAts(spec, NEW_YORK, "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z"));
    }

    @Test
    void localTimeInTheSpringGapHappensAfterTheGapOnThatDayOnly() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-03-01T02:30"), "FREQ=DAILY", List.of());

        List<Occurrence> around = expander.expand(spec, BERLIN, instant("2026-03-28T00:00:00Z"), instant("2026-03-31T00:00:00Z"));

        assertEquals(List.of("2026-03-28T02:30", "2026-03-29T02:30", "2026-03-30T02:30"), around.stream().map(Occurrence::key).toList());
        // 02:30 does not exist on the 29th: it is read with the offset before the gap (+01:00), i.e. 03:30 CEST.
        assertEquals(List.of(instant("2026-03-28T01:30:00Z"), instant("2026-03-29T01:30:00Z"), instant("2026-03-30T00:30:00Z")),
                around.stream().map(Occurrence::dueAt).toList());
        assertEquals(LocalDateTime.parse("2026-03-29T03:30"), around.get(1).dueAt().atZone(BERLIN).toLocalDateTime());
    }

    @Test
    void localTimeInTheAutumnOverlapHappensOnceAtTheEarlierOffset() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-10-01T02:30"), "FREQ=DAILY", List.of());

        assertEquals(List.of("2026-10-24T00:30Z", "2026-10-25T00:30Z", "2026-10-26T01:30Z"),
                dueAts(spec, BERLIN, "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"));
    }

    @Test
    void twoNominalTimesShareAnInstantWhenTheGapPushesOneOntoTheOther() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-03-28T00:00"), "FREQ=DAILY;BYHOUR=2,3;BYMINUTE=0", List.of());

        List<Occurrence> gapDay = expander.expand(spec, BERLIN, instant("2026-03-28T23:00:00Z"), instant("2026-03-29T22:00:00Z"));

        // 02:00 does not exist on the 29th and becomes 03:00 CEST, the same instant as the nominal 03:00: both are kept.
        assertEquals(List.of("2026-03-29T02:00", "2026-03-29T03:00"), gapDay.stream().map(Occurrence::key).toList());
        assertEquals(List.of(instant("2026-03-29T01:00:00Z"), instant("2026-03-29T01:00:00Z")),
                gapDay.stream().map(Occurrence::dueAt).toList());
    }

    @Test
    void oneOffInTheGapMovesLaterByTheGap() {
        ScheduleSpec spec = ScheduleSpec.oneOff(at("2026-03-29T02:30"));

        Occurrence only = expander.expand(spec, BERLIN, Instant.MIN, Instant.MAX).get(0);

        assertEquals(new Occurrence("2026-03-29T02:30", at("2026-03-29T02:30"), instant("2026-03-29T01:30:00Z"),
                instant("2026-03-28T13:30:00Z"), instant("2026-03-29T13:30:00Z")), only);
        assertEquals(Optional.of(only), expander.find(spec, BERLIN, "2026-03-29T02:30"));
        assertEquals(Optional.of(only), expander.next(spec, BERLIN, instant("2026-01-01T00:00:00Z")));
        assertEquals(Optional.empty(), expander.next(spec, BERLIN, only.dueAt()));
    }

    @Test
    void fortnightlyOnMondayWednesdayFridaySkipsOddWeeksAndDaysBeforeStart() {
        // 2026-03-04 is a Wednesday; its week (from Monday 2 March) is week 0.
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-03-04T18:00"), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR", List.of());

        assertEquals(List.of("2026-03-04T18:00", "2026-03-06T18:00", "2026-03-16T18:00", "2026-03-18T18:00",
                        "2026-03-20T18:00", "2026-03-30T18:00", "2026-04-01T18:00", "2026-04-03T18:00"),
                keys(spec, UTC, "2026-03-01T00:00:00Z", "2026-04-05T00:00:00Z"));
    }

    @Test
    void weeklyWithoutByDayRepeatsOnTheStartWeekday() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-03-04T18:00"), "FREQ=WEEKLY", List.of());

        assertEquals(List.of("2026-03-04T18:00", "2026-03-11T18:00", "2026-03-18T18:00"),
                keys(spec, UTC, "2026-03-01T00:00:00Z", "2026-03-25T00:00:00Z"));
    }

    @Test
    void monthlyOnThe31stSkipsShortMonths() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-01-31T09:00"), "FREQ=MONTHLY", List.of());

        assertEquals(List.of("2026-01-31T09:00", "2026-03-31T09:00", "2026-05-31T09:00", "2026-07-31T09:00",
                        "2026-08-31T09:00", "2026-10-31T09:00", "2026-12-31T09:00", "2027-01-31T09:00"),
                keys(spec, UTC, "2026-01-01T00:00:00Z", "2027-02-01T00:00:00Z"));
    }

    @Test
    void countIncludesExcludedDatesSoFiveWithOneExcludedYieldsFour() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-05-01T19:00"), "FREQ=DAILY;COUNT=5",
                List.of(LocalDate.parse("2026-05-03"), LocalDate.parse("2026-05-10")));

        assertEquals(List.of("2026-05-01T19:00", "2026-05-02T19:00", "2026-05-04T19:00", "2026-05-05T19:00"),
                keys(spec, UTC, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @Test
    void countIsCountedFromStartEvenWhenTheRangeBeginsLater() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-05-01T19:00"), "FREQ=DAILY;COUNT=5", List.of());

        assertEquals(List.of("2026-05-04T19:00", "2026-05-05T19:00"),
                keys(spec, UTC, "2026-05-04T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @Test
    void dateOnlyUntilIncludesThatWholeLocalDay() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-05-04T08:00"), "FREQ=DAILY;BYHOUR=8,20;UNTIL=20260505", List.of());

        assertEquals(List.of("2026-05-04T08:00", "2026-05-04T20:00", "2026-05-05T08:00", "2026-05-05T20:00"),
                keys(spec, LONDON, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @Test
    void utcUntilIsComparedWithTheActualInstantInclusively() {
        // 20:00 in London during BST is 19:00Z.
        ScheduleSpec inclusive = ScheduleSpec.recurring(at("2026-05-04T20:00"), "FREQ=DAILY;UNTIL=20260505T190000Z", List.of());
        ScheduleSpec justBefore = ScheduleSpec.recurring(at("2026-05-04T20:00"), "FREQ=DAILY;UNTIL=20260505T185959Z", List.of());

        assertEquals(List.of("2026-05-04T20:00", "2026-05-05T20:00"), keys(inclusive, LONDON, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));
        assertEquals(List.of("2026-05-04T20:00"), keys(justBefore, LONDON, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @Test
    void localUntilIsComparedWithTheNominalLocalTimeInclusively() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-05-04T20:00"), "FREQ=DAILY;UNTIL=20260505T200000", List.of());

        assertEquals(List.of("2026-05-04T20:00", "2026-05-05T20:00"), keys(spec, LONDON, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @Test
    void byHourGivesOneOccurrencePerHourEachDayButNoneBeforeStart() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-06-01T12:15"), "FREQ=DAILY;BYHOUR=8,20", List.of());

        // BYMINUTE is absent, so the minute comes from start.
        assertEquals(List.of("2026-06-01T20:15", "2026-06-02T08:15", "2026-06-02T20:15"),
                keys(spec, UTC, "2026-06-01T00:00:00Z", "2026-06-03T00:00:00Z"));
    }

    @Test
    void byHourAndByMinuteCombineIntoEveryPair() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-06-01T00:00"), "FREQ=DAILY;BYHOUR=20,8;BYMINUTE=30,0", List.of());

        assertEquals(List.of("2026-06-01T08:00", "2026-06-01T08:30", "2026-06-01T20:00", "2026-06-01T20:30"),
                keys(spec, UTC, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z"));
    }

    @Test
    void dailyByDayOnlyKeepsTheListedWeekdays() {
        // 2026-06-01 is a Monday.
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-06-01T07:00"), "FREQ=DAILY;BYDAY=SA,SU", List.of());

        assertEquals(List.of("2026-06-06T07:00", "2026-06-07T07:00", "2026-06-13T07:00"),
                keys(spec, UTC, "2026-06-01T00:00:00Z", "2026-06-14T00:00:00Z"));
    }

    @Test
    void windowsSurroundTheActualDueInstant() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-03-29T20:00"), "FREQ=DAILY;COUNT=1", List.of())
                .withWindow(Duration.ofHours(2), Duration.ofDays(1));

        Occurrence occurrence = expander.next(spec, LONDON, Instant.EPOCH).orElseThrow();

        assertEquals(instant("2026-03-29T17:00:00Z"), occurrence.windowStart());
        assertEquals(instant("2026-03-30T19:00:00Z"), occurrence.windowEnd());
        assertTrue(occurrence.isOpenAt(occurrence.windowEnd()));
    }

    @Test
    void nextFindsTheFirstOccurrenceStrictlyAfter() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-03-01T20:00"), "FREQ=DAILY", List.of());

        assertEquals("2026-03-29T20:00", expander.next(spec, LONDON, instant("2026-03-28T20:00:00Z")).orElseThrow().key());
        assertEquals("2026-03-01T20:00", expander.next(spec, LONDON, Instant.MIN).orElseThrow().key());
    }

    @Test
    void nextIsEmptyWhenTheRuleCanNeverMatchAgain() {
        // Every 7th day from a Wednesday is always a Wednesday, so BYDAY=MO never matches.
        ScheduleSpec never = ScheduleSpec.recurring(at("2026-03-04T20:00"), "FREQ=DAILY;INTERVAL=7;BYDAY=MO", List.of());
        ScheduleSpec finished = ScheduleSpec.recurring(at("2026-03-04T20:00"), "FREQ=DAILY;COUNT=2", List.of());

        assertEquals(Optional.empty(), expander.next(never, UTC, Instant.EPOCH));
        assertEquals(Optional.empty(), expander.next(finished, UTC, instant("2026-03-05T20:00:00Z")));
    }

    @Test
    void findReturnsOnlyKeysTheScheduleHas() {
        ScheduleSpec spec = ScheduleSpec.recurring(at("2026-03-01T20:00"), "FREQ=DAILY;COUNT=10",
                List.of(LocalDate.parse("2026-03-05")));

        assertEquals(instant("2026-03-02T20:00:00Z"), expander.find(spec, LONDON, "2026-03-02T20:00").orElseThrow().dueAt());
        assertEquals(Optional.empty(), expander.find(spec, LONDON, "2026-03-05T20:00"));
        assertEquals(Optional.empty(), expander.find(spec, LONDON, "2026-03-11T20:00"));
        assertEquals(Optional.empty(), expander.find(spec, LONDON, "2026-03-02T20:01"));
        assertEquals(Optional.empty(), expander.find(spec, LONDON, "2026-02-28T20:00"));
        assertEquals(Optional.empty(), expander.find(spec, LONDON, "not-a-key"));
        assertEquals(Optional.empty(), expander.find(spec, LONDON, "2026-03-02T20:00:00"));
    }

    @Test
    void expandRefusesMoreThan2000OccurrencesButAllowsExactly2000() {
        ScheduleSpec hourly = ScheduleSpec.recurring(at("2026-01-01T00:00"),
                "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23", List.of());
        Instant from = instant("2026-01-01T00:00:00Z");

        assertEquals(2000, expander.expand(hourly, UTC, from, from.plus(Duration.ofHours(2000))).size());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> expander.expand(hourly, UTC, from, from.plus(Duration.ofHours(2001))));
        assertTrue(tooMany.getMessage().contains("narrow the range"), tooMany.getMessage());
    }

    @Test
    void expandRefusesARangeThatEndsBeforeItStarts() {
        ScheduleSpec spec = ScheduleSpec.oneOff(at("2026-03-01T20:00"));

        assertThrows(IllegalArgumentException.class,
                () -> expander.expand(spec, UTC, instant("2026-03-02T00:00:00Z"), instant("2026-03-01T00:00:00Z")));
    }

    private List<String> dueAts(ScheduleSpec spec, ZoneId zone, String from, String to) {
        return expander.expand(spec, zone, instant(from), instant(to)).stream()
                .map(o -> o.dueAt().toString().replace(":00Z", "Z")).toList();
    }

    private List<String> keys(ScheduleSpec spec, ZoneId zone, String from, String to) {
        return expander.expand(spec, zone, instant(from), instant(to)).stream().map(Occurrence::key).toList();
    }

    private static LocalDateTime at(String local) {
        return LocalDateTime.parse(local);
    }

    private static Instant instant(String utc) {
        return Instant.parse(utc);
    }
}
