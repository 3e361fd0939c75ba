package org.intersession.gateway.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoginThrottleTest {

    private static final String EMAIL = "Someone@Clinic.test";

    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void anAccountSlowsDownFromTheThirdFailureAndLocksAtTheFifth() {
        fail(2);
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.0.0.1"));
        fail(1);
        assertEquals("2", retryAfter(), "third failure: wait 2 s");
        now = now.plusSeconds(2);
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.0.0.2"));
        fail(1);
        assertEquals("4", retryAfter(), "fourth failure: wait 4 s");
        fail(1);
        assertEquals(String.valueOf(LoginThrottle.LOCKOUT.toSeconds()), retryAfter(), "fifth failure: locked");
        now = now.plus(LoginThrottle.LOCKOUT).plusSeconds(1);
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.0.0.3"));
    }

    @Test
    void emailsAreComparedWithoutCaseAndSuccessClearsTheAccount() {
        fail(3);
        assertThrows(LoginThrottle.TooManyAttemptsException.class, () -> throttle.checkAllowed("someone@clinic.TEST", "10.9.9.9"));
        throttle.recordSuccess("SOMEONE@clinic.test");
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.9.9.9"));
    }

    @Test
    void oneAddressTryingManyAccountsIsSlowedDownToo() {
        for (int i = 0; i < LoginThrottle.IP_SLOW_AFTER; i++) {
            throttle.recordFailure("user" + i + "@clinic.test", "203.0.113.7");
        }
        assertThrows(LoginThrottle.TooManyAttemptsException.class, () -> throttle.checkAllowed("fresh@clinic.test", "203.0.113.7"));
        assertDoesNotThrow(() -> throttle.checkAllowed("fresh@clinic.test", "203.0.113.8"));
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(EMAIL, "10.0.0." + i);
        }
    }

    private String retryAfter() {
        return assertThrows(LoginThrottle.TooManyAttemptsException.class, () -> throttle.checkAllowed(EMAIL, "10.1.1.1"))
                .headers().get("Retry-After");
    }
}
