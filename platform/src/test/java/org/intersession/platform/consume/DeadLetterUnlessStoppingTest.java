package org.intersession.platform.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterUnlessStoppingTest {

    private final List<Throwable> deadLettered = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IncomingKafkaRecord<String, String> record = new IncomingKafkaRecord<>(
            new ConsumerRecord<>("intersession.progress.v1", 0, 7L, "key", "not json"), "progress-events", 0, null, null, false);
    private final DeadLetterUnlessStopping strategy = new DeadLetterUnlessStopping(new KafkaFailureHandler() {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            deadLettered.add(reason);
            return Uni.createFrom().voidItem();
        }
    }, meters, "progress-events");

    @Test
    void aRecordLeftByAStoppingConsumerIsNeitherDeadLetteredNorAcknowledged() {
        CompletableFuture<Void> outcome = strategy.handle(record, new ConsumerStopping("test-consumer", null), Metadata.empty())
                .subscribeAsCompletionStage();
        assertFalse(outcome.isDone(), "the record stays unprocessed, so its offset is never committed");
        assertEquals(List.of(), deadLettered);
        assertEquals(0, meters.find("intersession.consumer.dead.letters").counters().size(), "nothing was dead-lettered");
    }

    @Test
    void anyOtherFailureGoesToTheDeadLetterQueue() {
        IllegalArgumentException poison = new IllegalArgumentException("not a CloudEvent");
        CompletableFuture<Void> outcome = strategy.handle(record, poison, Metadata.empty()).subscribeAsCompletionStage();
        assertTrue(outcome.isDone());
        assertEquals(List.of(poison), deadLettered);
        assertEquals(1.0, meters.get("intersession.consumer.dead.letters")
                .tags("channel", "progress-events", "topic", "intersession.progress.v1").counter().count());
    }
}
