package org.intersession.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again: the wait after each failed attempt, spread by up to {@code jitter} (a fraction)
 * either way so that failing deliveries do not retry in lockstep. One more failure after the last wait gives up.
 */
public record RetryPolicy(List<Duration> schedule, double jitter) {

    public RetryPolicy {
        schedule = List.copyOf(schedule);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be at least 0 and below 1, was " + jitter);
        }
    }

    /** @return the wait after the {@code failedAttempts}-th failure in a row, or empty when it is time to give up */
    public Optional<Duration> waitAfter(int failedAttempts) {
        if (failedAttempts < 1 || failedAttempts > schedule.size()) {
            return Optional.empty();
        }
        long base = schedule.get(failedAttempts - 1).toMillis();
        double spread = jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.max(0, Math.round(base * (1 + spread)))));
    }
}
