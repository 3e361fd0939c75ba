package org.intersession.platform.consume;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
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
    private final DeadLetterUnlessStopping strategy = new DeadLetterUnlessStopping(new KafkaFailureHandler() {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            deadLettered.add(reason);
            return Uni.createFrom().voidItem();
        }
    });

    @Test
    void aRecordLeftByAStoppingConsumerIsNeitherDeadLetteredNorAcknowledged() {
        CompletableFuture<Void> outcome = strategy.handle(null, new ConsumerStopping("test-consumer", null), Metadata.empty())
                .subscribeAsCompletionStage();
        assertFalse(outcome.isDone(), "the record stays unprocessed, so its offset is never committed");
        assertEquals(List.of(), deadLettered);
    }

    @Test
    void anyOtherFailureGoesToTheDeadLetterQueue() {
        IllegalArgumentException poison = new IllegalArgumentException("not a CloudEvent");
        CompletableFuture<Void> outcome = strategy.handle(null, poison, Metadata.empty()).subscribeAsCompletionStage();
        assertTrue(outcome.isDone());
        assertEquals(List.of(poison), deadLettered);
    }
}
