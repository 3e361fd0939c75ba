package org.intersession.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Whether a consumer group has got past a record: its committed offset on the record's partition is beyond the record.
 * For tests of consumers that leave no trace of an event they had nothing to do for.
 */
public final class ConsumerGroupProgress {

    private ConsumerGroupProgress() {
    }

    /** Waits until {@code group} has committed past {@code record} (the connector commits every few seconds). */
    public static void awaitCommittedPast(String group, ConsumerRecord<?, ?> record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrapServers()))) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> committed(admin, group, partition) > record.offset());
        }
    }

    private static long committed(Admin admin, String group, TopicPartition partition) throws InterruptedException, ExecutionException {
        try {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(partition);
            return offset == null ? -1 : offset.offset();
        } catch (java.util.concurrent.TimeoutException e) {
            return -1;
        }
    }
}
