package org.intersession.e2e;

import org.intersession.infra.KafkaBroker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka goes away while clients log homework. The writes do not depend on the broker (they land in each service's
 * outbox), so every one answers 201; once the broker is back on the same port and data, every event is delivered
 * and has exactly one effect: one notification per entry, none lost, none twice.
 */
class KafkaOutageFaultIT {

    static final int WRITES = 500;
    private static final int CLIENTS = 2;

    @Test
    void writesSucceedWhileKafkaIsDownAndEveryEventHasExactlyOneEffectAfterwards() throws IOException {
        FaultStack platform = FaultStack.get();
        KafkaBroker kafka = platform.stack().kafka();
        CompletionLoad load = CompletionLoad.prepare(platform, CLIENTS, WRITES / CLIENTS);
        int warmUp = load.awaitWritable();
        await().atMost(Duration.ofSeconds(60)).until(() -> load.completionNotifications() == warmUp);

        kafka.stop();
        CompletionLoad.Burst burst;
        long outageStarted = System.nanoTime();
        try {
            burst = load.write(WRITES, 4);
        } finally {
            kafka.start();
        }
        long outageMillis = (System.nanoTime() - outageStarted) / 1_000_000;
        long restarted = System.nanoTime();

        int expected = warmUp + WRITES;
        // every write is in; now wait for every effect, then make sure no late duplicate follows
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> load.completionNotifications() >= expected);
        long deliveredMillis = (System.nanoTime() - restarted) / 1_000_000;
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .until(() -> load.completionNotifications() == expected);
        int effects = load.completionNotifications();

        FaultStack.report("kafka-outage", "requests", WRITES, "faults", 1, "answered2xx", burst.successes(),
                "statuses", burst.statuses(), "maxLatencyMs", burst.maxMillis(), "outageMs", outageMillis,
                "deliveredAfterRestartMs", deliveredMillis, "events", expected,
                "lost", Math.max(0, expected - effects), "duplicates", Math.max(0, effects - expected));
        assertEquals(WRITES, burst.answered(201), () -> "every write answers 201 while Kafka is down: " + burst.statuses());
        assertEquals(expected, load.entriesCreated());
        assertEquals(expected, effects, "exactly one notification per entry");
        assertTrue(kafka.isRunning());
    }
}
