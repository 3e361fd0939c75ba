package org.intersession.notification.digest;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DigestClockTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aDailyDigestStaysAt1800LocalAcrossBothBerlinDstChanges() {
        LocalTime six = LocalTime.of(18, 0);
        assertEquals(Instant.parse("2026-03-29T16:00:00Z"), DigestClock.nextAfter(Instant.parse("2026-03-28T17:00:00Z"), BERLIN, null, six));
        assertEquals(Instant.parse("2026-10-25T17:00:00Z"), DigestClock.nextAfter(Instant.parse("2026-10-24T16:00:00Z"), BERLIN, null, six));
    }

    @Test
    void aWeeklyDigestKeepsItsDayAndLocalTimeAcrossTheNewYorkDstChange() {
        LocalTime four = LocalTime.of(16, 0);
        // Friday 2026-10-30 16:00 EDT, then Friday 2026-11-06 16:00 EST (DST ended on Sunday 2026-11-01)
        assertEquals(Instant.parse("2026-10-30T20:00:00Z"),
                DigestClock.nextAfter(Instant.parse("2026-10-28T12:00:00Z"), NEW_YORK, DayOfWeek.FRIDAY, four));
        assertEquals(Instant.parse("2026-11-06T21:00:00Z"),
                DigestClock.nextAfter(Instant.parse("2026-10-30T20:00:00Z"), NEW_YORK, DayOfWeek.FRIDAY, four));
    }

    @Test
    void aTimeSkippedBySpringForwardIsShiftedByTheGap() {
        // 02:30 does not exist in Berlin on 2026-03-29: it becomes 03:30 CEST
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"),
                DigestClock.nextAfter(Instant.parse("2026-03-28T12:00:00Z"), BERLIN, null, LocalTime.of(2, 30)));
    }
}
