package org.intersession.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2)), 0.2);

    @Test
    void eachWaitFollowsTheScheduleWithinTheJitterAndVaries() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration first = policy.waitAfter(1).orElseThrow();
            Duration second = policy.waitAfter(2).orElseThrow();
            assertTrue(first.compareTo(Duration.ofSeconds(24)) >= 0 && first.compareTo(Duration.ofSeconds(36)) <= 0, first.toString());
            assertTrue(second.compareTo(Duration.ofSeconds(96)) >= 0 && second.compareTo(Duration.ofSeconds(144)) <= 0, second.toString());
            seen.add(first);
        }
        assertTrue(seen.size() > 10, "jittered, not in lockstep: " + seen.size() + " distinct waits");
    }

    @Test
    void oneFailureMoreThanTheScheduleHasGivesUp() {
        assertEquals(Optional.empty(), policy.waitAfter(3));
        assertEquals(Optional.empty(), policy.waitAfter(0));
    }

    @Test
    void withoutJitterTheWaitsAreExact() {
        RetryPolicy exact = new RetryPolicy(List.of(Duration.ofSeconds(5)), 0);
        assertEquals(Optional.of(Duration.ofSeconds(5)), exact.waitAfter(1));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(List.of(Duration.ofSeconds(5)), 1.5));
    }
}
