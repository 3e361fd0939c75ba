package org.intersession.platform.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecurrenceRuleTest {

    private static final LocalDateTime START = LocalDateTime.parse("2026-03-01T20:00");

    @Test
    void parsesEverySupportedPart() {
        RecurrenceRule rule = RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR,MO;BYHOUR=20,8;BYMINUTE=0,30;COUNT=12");

        assertEquals(RecurrenceRule.Frequency.WEEKLY, rule.frequency());
        assertEquals(2, rule.interval());
        assertEquals(Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), rule.byDay());
        assertEquals(List.of(8, 20), rule.byHour());
        assertEquals(List.of(0, 30), rule.byMinute());
        assertEquals(OptionalInt.of(12), rule.count());
        assertEquals(Optional.empty(), rule.until());
    }

    @Test
    void rendersACanonicalFormThatParsesBackToTheSameRule() {
        RecurrenceRule rule = RecurrenceRule.parse("byminute=30,0;Freq=Weekly;interval=1;byhour=20,8;byday=su,mo");

        assertEquals("FREQ=WEEKLY;BYDAY=MO,SU;BYHOUR=8,20;BYMINUTE=0,30", rule.toString());
        assertEquals(rule, RecurrenceRule.parse(rule.toString()));
    }

    @Test
    void readsTheThreeUntilForms() {
        assertEquals(Optional.of(LocalDate.parse("2026-05-05")), RecurrenceRule.parse("FREQ=DAILY;UNTIL=20260505").until());
        assertEquals(Optional.of(LocalDateTime.parse("2026-05-05T20:00")), RecurrenceRule.parse("FREQ=DAILY;UNTIL=20260505T200000").until());
        assertEquals(Optional.of(Instant.parse("2026-05-05T19:00:00Z")), RecurrenceRule.parse("FREQ=DAILY;UNTIL=20260505t190000z").until());
        assertEquals("FREQ=DAILY;UNTIL=20260505T190000Z", RecurrenceRule.parse("FREQ=DAILY;UNTIL=20260505T190000Z").toString());
    }

    @ParameterizedTest(name = "{1} is refused as {0}")
    @CsvSource(delimiter = '|', value = {
            "rrule            | ''",
            "rrule            | FREQ=DAILY;",
            "rrule            | FREQ=DAILY; INTERVAL=2",
            "rrule            | RRULE:FREQ=DAILY",
            "rrule            | FREQ=DA\u0131LY",
            "rrule.FREQ       | INTERVAL=2",
            "rrule.FREQ       | FREQ",
            "rrule.FREQ       | FREQ=YEARLY",
            "rrule.FREQ       | FREQ=HOURLY",
            "rrule.FREQ       | FREQ=DAILY;FREQ=WEEKLY",
            "rrule.BYMONTHDAY | FREQ=MONTHLY;BYMONTHDAY=1",
            "rrule.WKST       | FREQ=WEEKLY;WKST=SU",
            "rrule.INTERVAL   | FREQ=DAILY;INTERVAL=0",
            "rrule.INTERVAL   | FREQ=DAILY;INTERVAL=367",
            "rrule.INTERVAL   | FREQ=DAILY;INTERVAL=-1",
            "rrule.INTERVAL   | FREQ=DAILY;INTERVAL=two",
            "rrule.INTERVAL   | FREQ=DAILY;INTERVAL=",
            "rrule.INTERVAL   | FREQ=DAILY;INTERVAL=2;INTERVAL=2",
            "rrule.BYDAY      | FREQ=WEEKLY;BYDAY=XX",
            "rrule.BYDAY      | FREQ=WEEKLY;BYDAY=1MO",
            "rrule.BYDAY      | FREQ=WEEKLY;BYDAY=MO,MO",
            "rrule.BYDAY      | FREQ=WEEKLY;BYDAY=MO,,WE",
            "rrule.BYDAY      | FREQ=WEEKLY;BYDAY=",
            "rrule.BYDAY      | FREQ=MONTHLY;BYDAY=MO",
            "rrule.BYHOUR     | FREQ=DAILY;BYHOUR=24",
            "rrule.BYHOUR     | FREQ=DAILY;BYHOUR=8,8",
            "rrule.BYHOUR     | FREQ=DAILY;BYHOUR=8.5",
            "rrule.BYMINUTE   | FREQ=DAILY;BYMINUTE=60",
            "rrule.COUNT      | FREQ=DAILY;COUNT=0",
            "rrule.COUNT      | FREQ=DAILY;COUNT=1001",
            "rrule.UNTIL      | FREQ=DAILY;UNTIL=2026-05-05",
            "rrule.UNTIL      | FREQ=DAILY;UNTIL=20260230",
            "rrule.UNTIL      | FREQ=DAILY;UNTIL=20260505T250000",
            "rrule.UNTIL      | FREQ=DAILY;UNTIL=20260505T2000",
            "rrule.UNTIL      | FREQ=DAILY;COUNT=3;UNTIL=20260505",
    })
    void refusesWhatItDoesNotSupportNamingTheField(String field, String rrule) {
        InvalidScheduleException refused = assertThrows(InvalidScheduleException.class, () -> RecurrenceRule.parse(rrule));

        assertEquals(field, refused.field());
        assertFalse(refused.reason().isBlank());
    }

    @Test
    void refusesARuleLongerThan500Characters() {
        String padded = "FREQ=DAILY;BYMINUTE=" + "0".repeat(481);

        assertEquals("rrule", assertThrows(InvalidScheduleException.class, () -> RecurrenceRule.parse(padded)).field());
        assertEquals("rrule", assertThrows(InvalidScheduleException.class, () -> RecurrenceRule.parse(null)).field());
    }

    @Test
    void specRefusesBadTimesAndWindowsNamingTheField() {
        assertEquals("start", refused(() -> ScheduleSpec.recurring(START.withSecond(5), "FREQ=DAILY", List.of())));
        assertEquals("dueAt", refused(() -> ScheduleSpec.oneOff(START.withNano(1))));
        assertEquals("dueAt", refused(() -> ScheduleSpec.oneOff(null)));
        assertEquals("start", refused(() -> ScheduleSpec.recurring(START.withYear(10000), "FREQ=DAILY", List.of())));
        assertEquals("rrule.FREQ", refused(() -> ScheduleSpec.recurring(START, "FREQ=YEARLY", List.of())));
        assertEquals("excludedDates", refused(() -> ScheduleSpec.recurring(START, "FREQ=DAILY", Arrays.asList((LocalDate) null))));
        assertEquals("windowBefore", refused(() -> ScheduleSpec.oneOff(START).withWindow(Duration.ofMinutes(-1), Duration.ZERO)));
        assertEquals("windowAfter", refused(() -> ScheduleSpec.oneOff(START).withWindow(Duration.ZERO, Duration.ofDays(7).plusSeconds(1))));
    }

    @Test
    void specDefaultsWindowsTo12HoursAndAcceptsTheBounds() {
        ScheduleSpec spec = ScheduleSpec.oneOff(START);

        assertEquals(Duration.ofHours(12), spec.windowBefore());
        assertEquals(Duration.ofHours(12), spec.windowAfter());
        assertEquals(Duration.ofDays(7), spec.withWindow(Duration.ZERO, Duration.ofDays(7)).windowAfter());
    }

    private static String refused(Runnable construction) {
        return assertThrows(InvalidScheduleException.class, construction::run).field();
    }
}
