package org.intersession.platform.consume;

import org.intersession.platform.problem.DatabaseUnavailable;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs an attempt again while it fails for a reason that passes (the database cannot be reached, or PostgreSQL
 * aborted the transaction for a serialization failure or a deadlock), pausing with capped exponential backoff. Any
 * other failure is rethrown at once. An outage is logged once when it starts and once when it ends.
 */
final class TransientFailureRetry {

    /** Waits between attempts. @return false if the application began to stop during the pause */
    @FunctionalInterface
    interface Pause {
        boolean sleep(Duration duration);
    }

    private static final Logger LOG = Logger.getLogger(TransientFailureRetry.class);
    /** PostgreSQL: serialization_failure and deadlock_detected; the transaction may simply be run again. */
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Pause pause;
    /** When the current outage was first seen by any consumer of this application, or null while there is none. */
    private final AtomicReference<Long> outageSince = new AtomicReference<>();

    TransientFailureRetry(Duration initialBackoff, Duration maxBackoff, Pause pause) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and its maximum at least the initial pause");
        }
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.pause = pause;
    }

    <T> T run(String consumer, Supplier<T> attempt) {
        Duration backoff = initialBackoff;
        boolean waited = false;
        while (true) {
            try {
                T result = attempt.get();
                if (waited) {
                    recovered();
                }
                return result;
            } catch (ConsumerStopping stopping) {
                throw stopping;
            } catch (RuntimeException failure) {
                if (DatabaseUnavailable.causedBy(failure)) {
                    outage(consumer, failure);
                    waited = true;
                } else if (isTransactionConflict(failure)) {
                    LOG.debugf("%s: transaction conflict (%s), trying again", consumer, failure.getMessage());
                } else {
                    if (waited) {
                        recovered(); // the database answered, with another failure
                    }
                    throw failure;
                }
                if (!pause.sleep(backoff)) {
                    LOG.infof("%s stops while waiting for the database; its event is left unacknowledged, for redelivery", consumer);
                    throw new ConsumerStopping(consumer, failure);
                }
                backoff = next(backoff);
            }
        }
    }

    /** The pause after {@code backoff}: twice as long, at most the maximum. */
    Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    private void outage(String consumer, RuntimeException failure) {
        if (outageSince.compareAndSet(null, System.nanoTime())) {
            LOG.warnf("The database cannot be reached (%s); %s holds its event and retries every %d ms at most until it is back",
                    rootMessage(failure), consumer, maxBackoff.toMillis());
        }
    }

    /** Only a consumer that waited for the database may say it is back: one that never touched it proves nothing. */
    private void recovered() {
        Long since = outageSince.getAndSet(null);
        if (since != null) {
            LOG.infof("The database is reachable again after %d ms; consumers carry on", (System.nanoTime() - since) / 1_000_000);
        }
    }

    static boolean isTransactionConflict(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (SERIALIZATION_FAILURE.equals(sql.getSQLState()) || DEADLOCK_DETECTED.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
