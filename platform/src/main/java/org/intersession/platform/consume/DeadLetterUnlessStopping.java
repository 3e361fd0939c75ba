package org.intersession.platform.consume;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.function.BiConsumer;

/**
 * The Kafka failure strategy of every Intersession consumer ({@code failure-strategy=dead-letter-queue-unless-stopping}):
 * the connector's own dead-letter queue, except for a record whose consumer gave up because the application is
 * stopping. That record is held, neither written to the dead-letter topic nor acknowledged, so the throttled commit
 * never moves past it and Kafka delivers it again after the restart.
 */
public final class DeadLetterUnlessStopping implements KafkaFailureHandler {

    public static final String STRATEGY = "dead-letter-queue-unless-stopping";

    private final KafkaFailureHandler deadLetterQueue;

    DeadLetterUnlessStopping(KafkaFailureHandler deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
        if (ConsumerStopping.causedBy(reason)) {
            return Uni.createFrom().nothing();
        }
        return deadLetterQueue.handle(record, reason, metadata);
    }

    @Override
    public void terminate() {
        deadLetterQueue.terminate();
    }

    @ApplicationScoped
    @Identifier(STRATEGY)
    public static class Factory implements KafkaFailureHandler.Factory {

        private final KafkaFailureHandler.Factory deadLetterQueue;

        Factory(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue) {
            this.deadLetterQueue = deadLetterQueue;
        }

        @Override
        public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
                                          BiConsumer<Throwable, Boolean> reportFailure) {
            return new DeadLetterUnlessStopping(deadLetterQueue.create(config, vertx, consumer, reportFailure));
        }
    }
}
