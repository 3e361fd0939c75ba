package org.intersession.gateway.edge;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts requests per key in fixed one-minute windows. Small, lock-free per key, and forgets idle keys. */
final class FixedWindowLimiter {

    static final long WINDOW_SECONDS = 60;
    private static final int MAX_KEYS = 200_000;

    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private record Window(long start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    FixedWindowLimiter(Clock clock) {
        this.clock = clock;
    }

    Decision acquire(String key, int limit) {
        long now = clock.millis() / 1000;
        long start = now - now % WINDOW_SECONDS;
        if (windows.size() > MAX_KEYS) {
            windows.entrySet().removeIf(e -> e.getValue().start() < start);
        }
        Window window = windows.compute(key, (k, old) ->
                old == null || old.start() != start ? new Window(start, 1) : new Window(start, old.count() + 1));
        long reset = start + WINDOW_SECONDS - now;
        return new Decision(window.count() <= limit, limit, Math.max(0, limit - window.count()), reset);
    }
}
