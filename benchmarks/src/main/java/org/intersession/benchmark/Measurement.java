package org.intersession.benchmark;

import org.HdrHistogram.Histogram;

/** One measured phase: what ran, how, and the latency distribution of its successful requests (microseconds). */
public record Measurement(String name, String model, double seconds, long ok, long errors,
                          double p50Millis, double p95Millis, double p99Millis, double maxMillis) {

    public static Measurement of(String name, String model, double seconds, long errors, Histogram micros) {
        return new Measurement(name, model, seconds, micros.getTotalCount(), errors,
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(95) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getMaxValue() / 1000.0);
    }

    public double throughput() {
        return seconds <= 0 ? 0 : ok / seconds;
    }
}
