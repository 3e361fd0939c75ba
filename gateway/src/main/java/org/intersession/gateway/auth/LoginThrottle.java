package org.intersession.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.intersession.platform.problem.ApiProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down, then locks out, repeated failed logins per account and per IP address. Unknown emails are counted
 * the same way as real ones, so the answers reveal nothing about which accounts exist. Counters are per instance.
 */
@ApplicationScoped
public class LoginThrottle {

    /** From the third failure on an account each attempt waits a doubling delay; the fifth locks it. */
    static final int ACCOUNT_SLOW_AFTER = 3;
    static final int ACCOUNT_LOCK_AFTER = 5;
    /** An address is shared by many people (a clinic's network), so it gets more room. */
    static final int IP_SLOW_AFTER = 10;
    static final int IP_LOCK_AFTER = 30;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Failures are forgotten this long after the last one; at least as long as a lockout. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant last) {
    }

    /** Refuses the attempt with a 429 and Retry-After while the account or the address must wait. */
    public void checkAllowed(String email, String ip) {
        Instant now = clock.instant();
        long wait = Math.max(waitSeconds(accountKey(email), ACCOUNT_SLOW_AFTER, ACCOUNT_LOCK_AFTER, now),
                waitSeconds(ipKey(ip), IP_SLOW_AFTER, IP_LOCK_AFTER, now));
        if (wait > 0) {
            throw new TooManyAttemptsException(wait);
        }
    }

    public void recordFailure(String email, String ip) {
        if (failures.size() > MAX_TRACKED) {
            forgetExpired();
        }
        Instant now = clock.instant();
        for (String key : new String[] {accountKey(email), ipKey(ip)}) {
            failures.merge(key, new Failures(1, now), (old, one) ->
                    expired(old, now) ? one : new Failures(old.count() + 1, now));
        }
    }

    public void recordSuccess(String email) {
        failures.remove(accountKey(email));
    }

    private long waitSeconds(String key, int slowAfter, int lockAfter, Instant now) {
        Failures f = failures.get(key);
        if (f == null || expired(f, now)) {
            return 0;
        }
        Duration delay;
        if (f.count() >= lockAfter) {
            delay = LOCKOUT;
        } else if (f.count() >= slowAfter) {
            delay = Duration.ofSeconds(1L << Math.min(6, f.count() - slowAfter + 1));
        } else {
            return 0;
        }
        long remainingMillis = Duration.between(now, f.last().plus(delay)).toMillis();
        return remainingMillis <= 0 ? 0 : (remainingMillis + 999) / 1000;
    }

    private static boolean expired(Failures f, Instant now) {
        return f.last().plus(WINDOW).isBefore(now);
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> expired(e.getValue(), now));
    }

    private static String accountKey(String email) {
        return "account:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String ip) {
        return "ip:" + ip;
    }

    /** 429 with the number of seconds to wait. */
    public static class TooManyAttemptsException extends ApiProblemException {
        private final long retryAfterSeconds;

        TooManyAttemptsException(long retryAfterSeconds) {
            super(429, "Too many failed login attempts; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", String.valueOf(retryAfterSeconds));
        }
    }
}
