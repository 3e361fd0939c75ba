package org.intersession.e2e;

import org.intersession.launcher.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * notification-service is killed (SIGKILL, every instance) while it is turning progress events into notifications:
 * offsets of records it already handled are not all committed, so after the restart Kafka delivers some of them
 * again. The inbox makes those redeliveries harmless: still exactly one notification per entry.
 */
class ConsumerCrashFaultIT {

    static final int WRITES = 300;
    private static final int CLIENTS = 2;

    @Test
    void redeliveredEventsAfterAConsumerCrashHaveNoDuplicateEffects() throws Exception {
        FaultStack platform = FaultStack.get();
        CompletionLoad load = CompletionLoad.prepare(platform, CLIENTS, WRITES / CLIENTS);
        int warmUp = load.awaitWritable();
        await().atMost(Duration.ofSeconds(60)).until(() -> load.completionNotifications() == warmUp);

        CompletableFuture<CompletionLoad.Burst> writing = CompletableFuture.supplyAsync(() -> load.write(WRITES, 4));
        // kill while notifications are being written: some of this burst's effects are in, not all of them
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> load.completionNotifications() > warmUp);
        int beforeCrash = load.completionNotifications();
        long crashed = System.nanoTime();
        platform.crashAndRestart(ServiceSpec.NOTIFICATION);
        long restartMillis = (System.nanoTime() - crashed) / 1_000_000;
        CompletionLoad.Burst burst = writing.get(3, TimeUnit.MINUTES);

        int expected = warmUp + WRITES;
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> load.completionNotifications() >= expected);
        long recoveredMillis = (System.nanoTime() - crashed) / 1_000_000;
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .until(() -> load.completionNotifications() == expected);
        int effects = load.completionNotifications();

        FaultStack.report("consumer-crash", "requests", WRITES, "faults", FaultStack.INSTANCES,
                "notificationsBeforeCrash", beforeCrash, "restartMs", restartMillis, "allDeliveredAfterCrashMs", recoveredMillis,
                "events", expected, "lost", Math.max(0, expected - effects), "duplicates", Math.max(0, effects - expected));
        assertTrue(beforeCrash < expected, "the crash came before every notification was written");
        assertEquals(WRITES, burst.answered(201), () -> "writes do not depend on notification-service: " + burst.statuses());
        assertEquals(expected, effects, "exactly one notification per entry after the crash and redelivery");
    }
}
