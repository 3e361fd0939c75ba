package org.intersession.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.platform.problem.ApiProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down failed logins without letting anyone lock a person out of their own account:
 * <ul>
 *   <li>one account from one address: a doubling delay from the third failure, a 15-minute lock at the fifth;</li>
 *   <li>one address over all accounts: the same from the 10th and at the 30th (a clinic's network shares one);</li>
 *   <li>one account over all addresses: a doubling delay from the 10th failure, capped at 30 s and never a lock.</li>
 * </ul>
 * The last two do not apply to an address this account logged in from before (or accepted its invitation from).
 * So a guesser spread over many addresses gets two tries a minute at most, while the account's owner, from an
 * address they used before, is never held back by someone else's failures. Unknown accounts are counted exactly as
 * real ones, so the answers reveal nothing about which exist. Counters are per gateway instance.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int PAIR_SLOW_AFTER = 3;
    static final int PAIR_LOCK_AFTER = 5;
    static final int ACCOUNT_SLOW_AFTER = 10;
    static final Duration ACCOUNT_MAX_DELAY = Duration.ofSeconds(30);
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Failures are forgotten this long after the last one; at least as long as a lockout. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** How long an address stays known to an account after a successful login from it. */
    static final Duration KNOWN_SOURCE = Duration.ofDays(30);
    private static final int MAX_KNOWN_SOURCES_PER_ACCOUNT = 10;
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> knownSources = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int ipSlowAfter;
    private final int ipLockAfter;

    @Inject
    LoginThrottle(@ConfigProperty(name = "intersession.login.address-slow-after", defaultValue = "10") int ipSlowAfter,
                  @ConfigProperty(name = "intersession.login.address-lock-after", defaultValue = "30") int ipLockAfter) {
        this(Clock.systemUTC(), ipSlowAfter, ipLockAfter);
    }

    LoginThrottle(Clock clock, int ipSlowAfter, int ipLockAfter) {
        this.clock = clock;
        this.ipSlowAfter = ipSlowAfter;
        this.ipLockAfter = ipLockAfter;
    }

    private record Failures(int count, Instant last) {
    }

    /** Refuses the attempt with a 429 and Retry-After while this account, from this address, must wait. */
    public void checkAllowed(String account, String ip) {
        Instant now = clock.instant();
        String accountKey = accountKey(account);
        long wait = waitSeconds(pairKey(accountKey, ip), PAIR_SLOW_AFTER, PAIR_LOCK_AFTER, now);
        if (!known(accountKey, ip, now)) {
            wait = Math.max(wait, Math.max(waitSeconds(ipKey(ip), ipSlowAfter, ipLockAfter, now),
                    accountWaitSeconds(accountKey, now)));
        }
        if (wait > 0) {
            throw new TooManyAttemptsException(wait);
        }
    }

    public void recordFailure(String account, String ip) {
        if (failures.size() > MAX_TRACKED) {
            forgetExpired();
        }
        Instant now = clock.instant();
        String accountKey = accountKey(account);
        for (String key : Set.of(accountKey, pairKey(accountKey, ip), ipKey(ip))) {
            failures.merge(key, new Failures(1, now), (old, one) ->
                    expired(old, now) ? one : new Failures(old.count() + 1, now));
        }
    }

    /** The account's own failures from this address are forgotten, and the address becomes known to the account. */
    public void recordSuccess(String account, String ip) {
        String accountKey = accountKey(account);
        failures.remove(pairKey(accountKey, ip));
        if (knownSources.size() > MAX_TRACKED) {
            forgetExpired();
        }
        Map<String, Instant> sources = knownSources.computeIfAbsent(accountKey, k -> new ConcurrentHashMap<>());
        sources.put(ip, clock.instant());
        if (sources.size() > MAX_KNOWN_SOURCES_PER_ACCOUNT) {
            sources.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> sources.remove(oldest.getKey()));
        }
    }

    private boolean known(String accountKey, String ip, Instant now) {
        Map<String, Instant> sources = knownSources.get(accountKey);
        Instant at = sources == null ? null : sources.get(ip);
        return at != null && at.plus(KNOWN_SOURCE).isAfter(now);
    }

    private long waitSeconds(String key, int slowAfter, int lockAfter, Instant now) {
        Failures f = failures.get(key);
        if (f == null || expired(f, now) || f.count() < slowAfter) {
            return 0;
        }
        Duration delay = f.count() >= lockAfter ? LOCKOUT : doubling(f.count() - slowAfter);
        return secondsUntil(f.last().plus(delay), now);
    }

    private long accountWaitSeconds(String accountKey, Instant now) {
        Failures f = failures.get(accountKey);
        if (f == null || expired(f, now) || f.count() < ACCOUNT_SLOW_AFTER) {
            return 0;
        }
        Duration delay = doubling(f.count() - ACCOUNT_SLOW_AFTER);
        return secondsUntil(f.last().plus(delay.compareTo(ACCOUNT_MAX_DELAY) > 0 ? ACCOUNT_MAX_DELAY : delay), now);
    }

    /** 2 s, 4 s, 8 s … up to 64 s. */
    private static Duration doubling(int step) {
        return Duration.ofSeconds(1L << Math.min(6, step + 1));
    }

    private static long secondsUntil(Instant until, Instant now) {
        long remainingMillis = Duration.between(now, until).toMillis();
        return remainingMillis <= 0 ? 0 : (remainingMillis + 999) / 1000;
    }

    private static boolean expired(Failures f, Instant now) {
        return f.last().plus(WINDOW).isBefore(now);
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> expired(e.getValue(), now));
        knownSources.values().forEach(sources -> sources.values().removeIf(at -> !at.plus(KNOWN_SOURCE).isAfter(now)));
        knownSources.values().removeIf(Map::isEmpty);
    }

    private static String accountKey(String account) {
        return "account:" + (account == null ? "" : account.strip().toLowerCase(Locale.ROOT));
    }

    private static String pairKey(String accountKey, String ip) {
        return "pair:" + ip + "|" + accountKey;
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
