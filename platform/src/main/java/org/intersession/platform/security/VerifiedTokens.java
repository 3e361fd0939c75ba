package org.intersession.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Tokens this process has already verified, so that a caller's next requests skip the RSA signature check, which is
 * the largest CPU cost of an authenticated request. Only a successful verification is kept, under the exact token
 * text, and never past the token's own expiry nor past {@code max-age}: a key withdrawn from the key set stops being
 * trusted within that time, as it does for the services anyway through their JWKS refresh. Rejections are not kept.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** What one verification needs: the full checks of signature, algorithm, issuer, audience and time. */
    @FunctionalInterface
    public interface Verification {
        JWTCallerPrincipal verify() throws ParseException;
    }

    private record Verified(JWTCallerPrincipal principal, long expiresAtNanos) {
    }

    /** Whether a verified token was revoked since it was issued; asked on every use, cached or not. */
    @FunctionalInterface
    interface Revoked {
        boolean test(JWTCallerPrincipal principal);
    }

    private final Cache<String, Verified> cache;
    private final Ticker ticker;
    private final boolean enabled;
    private final Revoked revoked;

    @Inject
    VerifiedTokens(VerifiedTokensConfig config, TokenRevocations revocations) {
        this(config.maxEntries(), config.maxAge(), Ticker.systemTicker(), principal -> revocations.revoked(
                uuid(principal.getSubject()), uuid(principal.getClaim("sid")), principal.getIssuedAtTime()));
    }

    VerifiedTokens(int maxEntries, Duration maxAge, Ticker ticker, Revoked revoked) {
        this.ticker = ticker;
        this.revoked = revoked;
        this.enabled = maxEntries > 0 && !maxAge.isZero();
        long maxAgeNanos = maxAge.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(Math.max(0, maxEntries))
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String token, Verified verified, long now) {
                        return Math.max(0, Math.min(maxAgeNanos, verified.expiresAtNanos() - now));
                    }

                    @Override
                    public long expireAfterUpdate(String token, Verified verified, long now, long remaining) {
                        return remaining;
                    }

                    @Override
                    public long expireAfterRead(String token, Verified verified, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    /**
     * The principal of an earlier successful verification of exactly this token, or of this one; a token revoked since
     * it was issued (its user deactivated, its session ended, its API client revoked) is refused either way.
     */
    public JWTCallerPrincipal verify(String token, Verification verification) throws ParseException {
        return unlessRevoked(verified(token, verification));
    }

    private JWTCallerPrincipal unlessRevoked(JWTCallerPrincipal principal) throws ParseException {
        if (revoked.test(principal)) {
            throw new ParseException("token revoked");
        }
        return principal;
    }

    private JWTCallerPrincipal verified(String token, Verification verification) throws ParseException {
        if (!enabled) {
            return verification.verify();
        }
        Verified hit = cache.getIfPresent(token);
        long now = ticker.read();
        if (hit != null && now < hit.expiresAtNanos()) {
            return hit.principal();
        }
        JWTCallerPrincipal principal = verification.verify();
        long secondsLeft = principal.getExpirationTime() - System.currentTimeMillis() / 1000;
        if (secondsLeft > 0) {
            cache.put(token, new Verified(principal, now + Duration.ofSeconds(secondsLeft).toNanos()));
        }
        return principal;
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** A claim as a UUID, or null when it is absent or not one (such a subject or session was never revoked). */
    /** A UUID claim (a JSON string, quoted or not), or null when absent or not a UUID. */
    static java.util.UUID uuid(Object claim) {
        if (claim == null) {
            return null;
        }
        try {
            return java.util.UUID.fromString(claim.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
