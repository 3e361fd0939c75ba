package org.intersession.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.intersession.launcher.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One notification-service instance of two dies (SIGKILL, as a lost host would), and the other takes its partitions
 * over within seconds: the group notices the silent members after the consumers' session timeout (10 s, set in
 * platform; Kafka's default is 45 s), rebalances, and the surviving instance handles every partition. Entries logged
 * after the crash all turn into notifications without the dead instance coming back.
 */
class PartitionTakeoverFaultIT {

    private static final String GROUP = "notification-service";
    private static final int CLIENTS = 6;
    private static final int WRITES = 60;
    /** Above the 10 s session timeout plus a rebalance, and well below Kafka's default 45 s session timeout. */
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);

    @Test
    void theSurvivingInstanceTakesOverADeadInstancesPartitionsWithinSeconds() throws Exception {
        FaultStack platform = FaultStack.get();
        CompletionLoad load = CompletionLoad.prepare(platform, CLIENTS, WRITES / CLIENTS + 2);
        int warmUp = load.awaitWritable();
        await().atMost(Duration.ofSeconds(60)).until(() -> load.completionNotifications() == warmUp);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stable(admin) && members(admin) > 0);
            int membersBefore = members(admin);
            assertEquals(0, membersBefore % FaultStack.INSTANCES, "each instance runs the same consumers: " + membersBefore);

            long killed = System.nanoTime();
            platform.stack().kill(ServiceSpec.NOTIFICATION, 1);
            try {
                // the dead instance's members leave the group once their session times out; the survivor rejoins
                await("the dead instance's partitions taken over").atMost(TAKEOVER_LIMIT).pollInterval(Duration.ofMillis(250))
                        .until(() -> stable(admin) && members(admin) == membersBefore / FaultStack.INSTANCES);
                long takeoverMillis = (System.nanoTime() - killed) / 1_000_000;

                CompletionLoad.Burst burst = load.write(WRITES, 4);
                int expected = warmUp + WRITES;
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> load.completionNotifications() >= expected);
                long deliveredMillis = (System.nanoTime() - killed) / 1_000_000;
                int effects = load.completionNotifications();

                FaultStack.report("partition-takeover", "requests", WRITES, "faults", 1, "groupMembersBefore", membersBefore,
                        "takeoverAfterKillMs", takeoverMillis, "allDeliveredAfterKillMs", deliveredMillis,
                        "events", expected, "lost", Math.max(0, expected - effects), "duplicates", Math.max(0, effects - expected));
                assertEquals(WRITES, burst.answered(201), () -> "writes do not depend on notification-service: " + burst.statuses());
                assertEquals(expected, effects, "every entry logged after the crash is a notification, once");
            } finally {
                platform.stack().start(ServiceSpec.NOTIFICATION, 1);
            }
        }
    }

    private static ConsumerGroupDescription group(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
    }

    private static boolean stable(Admin admin) throws Exception {
        return group(admin).groupState() == GroupState.STABLE;
    }

    private static int members(Admin admin) throws Exception {
        return group(admin).members().size();
    }
}
