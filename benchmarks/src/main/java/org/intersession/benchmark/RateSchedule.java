package org.intersession.benchmark;

/**
 * When the i-th request of an open-model phase is due: at a fixed rate from the start, whatever happened to earlier
 * requests. Latency is measured from this intended time, not from the actual send, so a stalled system is charged
 * for the requests it delayed (coordinated omission, as in wrk2 and HdrHistogram's own guidance).
 */
public final class RateSchedule {

    private final long startNanos;
    private final double periodNanos;

    public RateSchedule(long startNanos, double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.periodNanos = 1_000_000_000.0 / ratePerSecond;
    }

    public long intendedNanos(long index) {
        return startNanos + Math.round(index * periodNanos);
    }

    /** How many requests fall in the first {@code durationNanos} of the phase. */
    public long countWithin(long durationNanos) {
        return (long) Math.ceil(durationNanos / periodNanos);
    }
}
