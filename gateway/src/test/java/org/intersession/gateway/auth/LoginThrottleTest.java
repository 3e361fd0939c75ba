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
    private static final int IP_SLOW_AFTER = 10;
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
    }, IP_SLOW_AFTER, 30);

    @Test
    void oneAddressSlowsDownOnAnAccountFromTheThirdFailureAndIsLockedOutOfItAtTheFifth() {
        failFrom("10.0.0.1", 2);
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.0.0.1"));
        failFrom("10.0.0.1", 1);
        assertEquals("2", retryAfter("10.0.0.1"), "third failure: wait 2 s");
        now = now.plusSeconds(2);
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.0.0.1"));
        failFrom("10.0.0.1", 1);
        assertEquals("4", retryAfter("10.0.0.1"), "fourth failure: wait 4 s");
        failFrom("10.0.0.1", 1);
        assertEquals(String.valueOf(LoginThrottle.LOCKOUT.toSeconds()), retryAfter("10.0.0.1"), "fifth failure: locked");
        now = now.plus(LoginThrottle.LOCKOUT).plusSeconds(1);
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.0.0.1"));
    }

    /** The lock is on the pair: someone failing on an account from their address does not lock its owner out. */
    @Test
    void aLockedOutAddressDoesNotLockTheAccountForOtherAddresses() {
        failFrom("203.0.113.66", LoginThrottle.PAIR_LOCK_AFTER);
        assertEquals(String.valueOf(LoginThrottle.LOCKOUT.toSeconds()), retryAfter("203.0.113.66"));
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.0.0.1"));
    }

    /** Many addresses together slow the account down for new addresses, never past the cap, and never its known ones. */
    @Test
    void aGuesserOnManyAddressesIsSlowedButTheOwnersKnownAddressIsNot() {
        throttle.recordSuccess(EMAIL, "10.0.0.1");
        for (int i = 0; i < 200; i++) {
            throttle.recordFailure(EMAIL, "198.51.100." + i);
        }
        String wait = retryAfter("192.0.2.1");
        assertEquals(String.valueOf(LoginThrottle.ACCOUNT_MAX_DELAY.toSeconds()), wait, "capped, not a lockout");
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.0.0.1"), "the owner's address is known");
        now = now.plus(LoginThrottle.ACCOUNT_MAX_DELAY).plusSeconds(1);
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "192.0.2.1"));
    }

    @Test
    void emailsAreComparedWithoutCaseAndSuccessClearsThePair() {
        failFrom("10.9.9.9", 3);
        assertThrows(LoginThrottle.TooManyAttemptsException.class, () -> throttle.checkAllowed("someone@clinic.TEST", "10.9.9.9"));
        throttle.recordSuccess("SOMEONE@clinic.test", "10.9.9.9");
        assertDoesNotThrow(() -> throttle.checkAllowed(EMAIL, "10.9.9.9"));
    }

    @Test
    void oneAddressTryingManyAccountsIsSlowedDownToo() {
        for (int i = 0; i < IP_SLOW_AFTER; i++) {
            throttle.recordFailure("user" + i + "@clinic.test", "203.0.113.7");
        }
        assertThrows(LoginThrottle.TooManyAttemptsException.class, () -> throttle.checkAllowed("fresh@clinic.test", "203.0.113.7"));
        assertDoesNotThrow(() -> throttle.checkAllowed("fresh@clinic.test", "203.0.113.8"));
        // but not someone who logged in from there before (a colleague behind the clinic's shared address)
        throttle.recordSuccess("colleague@clinic.test", "203.0.113.7");
        assertDoesNotThrow(() -> throttle.checkAllowed("colleague@clinic.test", "203.0.113.7"));
    }

    private void failFrom(String ip, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(EMAIL, ip);
        }
    }

    private String retryAfter(String ip) {
        return assertThrows(LoginThrottle.TooManyAttemptsException.class, () -> throttle.checkAllowed(EMAIL, ip))
                .headers().get("Retry-After");
    }
}
