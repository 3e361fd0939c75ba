package org.intersession.gateway.edge;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedWindowLimiterTest {

    @Test
    void aKeyGetsItsBudgetPerMinuteAndTheNextMinuteStartsAfresh() {
        Instant tenPast = Instant.parse("2026-11-26T10:00:10Z");
        FixedWindowLimiter limiter = new FixedWindowLimiter(Clock.fixed(tenPast, ZoneOffset.UTC));
        for (int i = 1; i <= 3; i++) {
            FixedWindowLimiter.Decision d = limiter.acquire("principal:a", 3);
            assertTrue(d.allowed());
            assertEquals(3 - i, d.remaining());
            assertEquals(50, d.resetSeconds());
        }
        assertFalse(limiter.acquire("principal:a", 3).allowed());
        assertTrue(limiter.acquire("principal:b", 3).allowed(), "keys are independent");

        FixedWindowLimiter nextMinute = new FixedWindowLimiter(Clock.fixed(tenPast.plusSeconds(60), ZoneOffset.UTC));
        assertTrue(nextMinute.acquire("principal:a", 3).allowed());
    }
}
