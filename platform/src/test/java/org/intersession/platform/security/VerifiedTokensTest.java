package org.intersession.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedTokensTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger verifications = new AtomicInteger();

    private VerifiedTokens cache(int maxEntries, Duration maxAge) {
        return new VerifiedTokens(maxEntries, maxAge, nanos::get, principal -> false);
    }

    /** A verification that counts its calls and yields a principal whose token runs {@code secondsLeft} more. */
    private VerifiedTokens.Verification valid(String token, long secondsLeft) {
        return () -> {
            verifications.incrementAndGet();
            JwtClaims claims = new JwtClaims();
            claims.setSubject("user-" + token);
            claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + secondsLeft));
            return new DefaultJWTCallerPrincipal(token, "JWT", claims);
        };
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aCachedTokenIsRefusedOnceItIsRevoked() throws ParseException {
        java.util.concurrent.atomic.AtomicBoolean revoked = new java.util.concurrent.atomic.AtomicBoolean();
        VerifiedTokens cache = new VerifiedTokens(100, Duration.ofMinutes(5), nanos::get, principal -> revoked.get());
        cache.verify("token-a", valid("token-a", 600));
        revoked.set(true);
        assertThrows(ParseException.class, () -> cache.verify("token-a", valid("token-a", 600)));
        assertEquals(1, verifications.get(), "refused from the cache, without verifying again");
        VerifiedTokens uncached = new VerifiedTokens(0, Duration.ZERO, nanos::get, principal -> revoked.get());
        assertThrows(ParseException.class, () -> uncached.verify("token-b", valid("token-b", 600)));
    }

    @Test
    void aTokenVerifiedOnceIsNotVerifiedAgain() throws ParseException {
        VerifiedTokens cache = cache(100, Duration.ofMinutes(5));
        JWTCallerPrincipal first = cache.verify("token-a", valid("token-a", 600));
        JWTCallerPrincipal second = cache.verify("token-a", valid("token-a", 600));
        assertSame(first, second);
        assertEquals(1, verifications.get());
    }

    @Test
    void anotherTokenTextIsVerifiedOnItsOwn() throws ParseException {
        VerifiedTokens cache = cache(100, Duration.ofMinutes(5));
        cache.verify("token-a", valid("token-a", 600));
        JWTCallerPrincipal other = cache.verify("token-a.tampered", valid("token-a.tampered", 600));
        assertEquals("user-token-a.tampered", other.getSubject());
        assertEquals(2, verifications.get());
    }

    @Test
    void aRejectedTokenIsRejectedEveryTimeAndNeverRemembered() throws ParseException {
        VerifiedTokens cache = cache(100, Duration.ofMinutes(5));
        VerifiedTokens.Verification rejecting = () -> {
            verifications.incrementAndGet();
            throw new ParseException("bad signature");
        };
        assertThrows(ParseException.class, () -> cache.verify("forged", rejecting));
        assertThrows(ParseException.class, () -> cache.verify("forged", rejecting));
        assertEquals(2, verifications.get());
        assertEquals(0, cache.size());
    }

    @Test
    void aVerificationIsNotReusedPastTheTokensExpiry() throws ParseException {
        VerifiedTokens cache = cache(100, Duration.ofMinutes(5));
        cache.verify("short", valid("short", 30));
        advance(Duration.ofSeconds(29));
        cache.verify("short", valid("short", 30));
        assertEquals(1, verifications.get());
        advance(Duration.ofSeconds(2));
        cache.verify("short", valid("short", 30));
        assertEquals(2, verifications.get());
    }

    @Test
    void aVerificationIsNotReusedPastTheMaximumAge() throws ParseException {
        VerifiedTokens cache = cache(100, Duration.ofMinutes(5));
        cache.verify("long", valid("long", 3600));
        advance(Duration.ofMinutes(4));
        cache.verify("long", valid("long", 3600));
        assertEquals(1, verifications.get());
        advance(Duration.ofMinutes(2));
        cache.verify("long", valid("long", 3600));
        assertEquals(2, verifications.get());
    }

    @Test
    void theCacheHoldsNoMoreThanItsMaximum() throws ParseException {
        VerifiedTokens cache = cache(50, Duration.ofMinutes(5));
        for (int i = 0; i < 500; i++) {
            cache.verify("token-" + i, valid("token-" + i, 600));
        }
        assertTrue(cache.size() <= 50, "size " + cache.size());
    }

    @Test
    void aMaximumOfZeroTurnsTheCacheOff() throws ParseException {
        VerifiedTokens cache = cache(0, Duration.ofMinutes(5));
        cache.verify("token-a", valid("token-a", 600));
        cache.verify("token-a", valid("token-a", 600));
        assertEquals(2, verifications.get());
    }

    @Test
    void anExpiredTokenIsNeverRemembered() throws ParseException {
        VerifiedTokens cache = cache(100, Duration.ofMinutes(5));
        // a verifier with clock skew may accept a token a few seconds past its expiry; it is not kept
        cache.verify("late", valid("late", -5));
        assertEquals(0, cache.size());
    }
}
