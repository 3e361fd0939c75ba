package org.intersession.platform.consume;

import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientFailureRetryTest {

    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(5);

    private final List<Duration> pauses = new ArrayList<>();

    private static RuntimeException databaseDown() {
        return new JDBCConnectionException("could not connect", new SQLException("Connection to localhost:5432 refused", "08001"));
    }

    /** An attempt that fails {@code failures} times with {@code failure}, then answers "done". */
    private static java.util.function.Supplier<String> failing(int failures, RuntimeException failure, AtomicInteger attempts) {
        return () -> {
            if (attempts.incrementAndGet() <= failures) {
                throw failure;
            }
            return "done";
        };
    }

    private TransientFailureRetry retryPausingUntilStopAfter(int allowedPauses) {
        return new TransientFailureRetry(INITIAL, MAX, duration -> {
            pauses.add(duration);
            return pauses.size() <= allowedPauses;
        });
    }

    @Test
    void retriesWhileTheDatabaseIsUnreachableThenSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = retryPausingUntilStopAfter(Integer.MAX_VALUE).run("test-consumer", failing(4, databaseDown(), attempts));
        assertEquals("done", result);
        assertEquals(5, attempts.get());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600)), pauses);
    }

    @Test
    void backoffDoublesUpToItsCapAndStaysThereForALongOutage() {
        AtomicInteger attempts = new AtomicInteger();
        retryPausingUntilStopAfter(Integer.MAX_VALUE).run("test-consumer", failing(12, databaseDown(), attempts));
        assertEquals(13, attempts.get());
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L, 5000L, 5000L, 5000L, 5000L),
                pauses.stream().map(Duration::toMillis).toList());
    }

    @Test
    void aFailureThatIsNotAboutReachingTheDatabaseIsRethrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalArgumentException poison = new IllegalArgumentException("not a CloudEvent");
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> retryPausingUntilStopAfter(Integer.MAX_VALUE).run("test-consumer", failing(1, poison, attempts)));
        assertSame(poison, thrown);
        assertEquals(1, attempts.get());
        assertEquals(List.of(), pauses);
    }

    @Test
    void aStatementErrorIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException constraint = new RuntimeException(new SQLException("duplicate key value", "23505"));
        assertThrows(RuntimeException.class,
                () -> retryPausingUntilStopAfter(Integer.MAX_VALUE).run("test-consumer", failing(1, constraint, attempts)));
        assertEquals(1, attempts.get());
    }

    @Test
    void serializationFailuresAndDeadlocksAreRetried() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException serialization = new LockAcquisitionException("could not serialize", new SQLException("could not serialize access", "40001"));
        assertEquals("done", retryPausingUntilStopAfter(Integer.MAX_VALUE).run("test-consumer", failing(1, serialization, attempts)));
        AtomicInteger again = new AtomicInteger();
        RuntimeException deadlock = new RuntimeException(new SQLException("deadlock detected", "40P01"));
        assertEquals("done", retryPausingUntilStopAfter(Integer.MAX_VALUE).run("test-consumer", failing(1, deadlock, again)));
        assertEquals(2, attempts.get());
        assertEquals(2, again.get());
    }

    @Test
    void stoppingDuringAnOutageGivesUpWithoutAnotherAttemptAndSaysSo() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException down = databaseDown();
        ConsumerStopping stopped = assertThrows(ConsumerStopping.class,
                () -> retryPausingUntilStopAfter(2).run("test-consumer", failing(Integer.MAX_VALUE, down, attempts)));
        assertEquals(3, attempts.get(), "two pauses completed, the third was cut short by the stop");
        assertSame(down, stopped.getCause());
        assertTrue(ConsumerStopping.causedBy(new RuntimeException(stopped)));
    }

    @Test
    void anAttemptRefusedBecauseTheApplicationStopsIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        ConsumerStopping stopping = new ConsumerStopping("test-consumer", null);
        assertSame(stopping, assertThrows(ConsumerStopping.class,
                () -> retryPausingUntilStopAfter(Integer.MAX_VALUE).run("test-consumer", failing(1, stopping, attempts))));
        assertEquals(1, attempts.get());
        assertEquals(List.of(), pauses);
    }

    @Test
    void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEndsNotOncePerAttempt() {
        Logger logger = Logger.getLogger(TransientFailureRetry.class.getName());
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            TransientFailureRetry retry = retryPausingUntilStopAfter(Integer.MAX_VALUE);
            retry.run("first-consumer", failing(6, databaseDown(), new AtomicInteger()));
            retry.run("second-consumer", () -> "never waited");
            retry.run("third-consumer", failing(2, new RuntimeException(new SQLException("deadlock detected", "40P01")), new AtomicInteger()));
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(List.of(Level.WARNING, Level.INFO), logged.stream().map(LogRecord::getLevel).toList());
    }

    @Test
    void aBackoffCapBelowTheInitialPauseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TransientFailureRetry(Duration.ofSeconds(1), Duration.ofMillis(500), d -> true));
    }
}
