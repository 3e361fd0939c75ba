package org.intersession.benchmark;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Drives one operation in one of two models. Open: requests start at a fixed rate whatever the answers do, latency
 * counted from each request's intended start. Closed: a fixed number of workers, each sending its next request when
 * the previous one answered, which finds the saturation throughput. Every phase is bounded in time and count.
 */
public final class LoadDriver {

    /** One request; completes with true for a success, false for an error answer. */
    public interface Operation {
        CompletionStage<Boolean> call();
    }

    /** A blocking operation for the closed model (JDBC); returns false for an error answer. */
    public interface BlockingOperation {
        boolean call() throws Exception;
    }

    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);
    /** Beyond this many requests in flight the system is hopelessly behind; the rest of the phase is counted as errors. */
    static final int MAX_IN_FLIGHT = 4_000;

    private LoadDriver() {
    }

    public static Measurement open(String name, double ratePerSecond, Duration duration, Supplier<Operation> next) {
        Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        AtomicLong errors = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime();
        RateSchedule schedule = new RateSchedule(start, ratePerSecond);
        long total = schedule.countWithin(duration.toNanos());
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long intended = schedule.intendedNanos(i);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Operation operation = next.get();
            if (operation == null || !inFlight.tryAcquire()) {
                errors.incrementAndGet();
                continue;
            }
            CompletableFuture<Boolean> call = operation.call().toCompletableFuture();
            pending.add(call.whenComplete((ok, failure) -> {
                inFlight.release();
                if (failure == null && Boolean.TRUE.equals(ok)) {
                    recorder.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - intended) / 1000));
                } else {
                    errors.incrementAndGet();
                }
            }));
            if (pending.size() >= 10_000) {
                pending.removeIf(CompletableFuture::isDone);
            }
        }
        awaitAll(pending);
        double seconds = (System.nanoTime() - start) / 1e9;
        return Measurement.of(name, "open " + fmt(ratePerSecond) + "/s", seconds, errors.get(), recorder.getIntervalHistogram());
    }

    public static Measurement closed(String name, int concurrency, Duration duration, Supplier<Operation> next) {
        return closedBlocking(name, concurrency, duration, () -> {
            Operation operation = next.get();
            if (operation == null) {
                return null;
            }
            return () -> operation.call().toCompletableFuture().get(1, TimeUnit.MINUTES);
        });
    }

    /** @param next a new operation per call, or null when there is nothing left to send (the phase ends early) */
    public static Measurement closedBlocking(String name, int concurrency, Duration duration, Supplier<BlockingOperation> next) {
        Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicLong finished = new AtomicLong(end);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    BlockingOperation operation = next.get();
                    if (operation == null) {
                        finished.accumulateAndGet(System.nanoTime(), Math::min);
                        return;
                    }
                    long begin = System.nanoTime();
                    boolean ok;
                    try {
                        ok = operation.call();
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (ok) {
                        recorder.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - begin) / 1000));
                    } else {
                        errors.incrementAndGet();
                    }
                }
            }, name + "-" + w);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join(duration.toMillis() + TimeUnit.MINUTES.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double seconds = (Math.min(finished.get(), System.nanoTime()) - start) / 1e9;
        Histogram histogram = recorder.getIntervalHistogram();
        return Measurement.of(name, "closed x" + concurrency, seconds, errors.get(), histogram);
    }

    private static void awaitAll(List<CompletableFuture<?>> pending) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            // counted as errors by each request; a phase never waits longer than this
        }
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
