package org.intersession.benchmark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateScheduleTest {

    @Test
    void requestsAreDueAtFixedIntervalsFromTheStart() {
        RateSchedule schedule = new RateSchedule(1_000, 200);
        assertEquals(1_000, schedule.intendedNanos(0));
        assertEquals(1_000 + 5_000_000, schedule.intendedNanos(1));
        assertEquals(1_000 + 1_000_000_000, schedule.intendedNanos(200));
    }

    @Test
    void fractionalPeriodsDoNotDriftOverAPhase() {
        RateSchedule schedule = new RateSchedule(0, 3);
        assertEquals(333_333_333, schedule.intendedNanos(1));
        assertEquals(60_000_000_000L, schedule.intendedNanos(180));
    }

    @Test
    void aPhaseHoldsRateTimesDurationRequests() {
        assertEquals(10_000, new RateSchedule(0, 500).countWithin(20_000_000_000L));
        assertEquals(1, new RateSchedule(0, 0.5).countWithin(1_000_000_000L));
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RateSchedule(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateSchedule(0, Double.NaN));
    }
}
