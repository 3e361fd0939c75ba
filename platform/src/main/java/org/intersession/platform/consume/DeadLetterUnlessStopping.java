package org.intersession.platform.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * never moves past it and Kafka delivers it again after the restart. Each record sent to the dead-letter topic counts
 * in {@code intersession_consumer_dead_letters_total}, tagged with the channel and the topic it came from.
 */
public final class DeadLetterUnlessStopping implements KafkaFailureHandler {

    public static final String STRATEGY = "dead-letter-queue-unless-stopping";

    private final KafkaFailureHandler deadLetterQueue;
    private final MeterRegistry registry;
    private final String channel;

    DeadLetterUnlessStopping(KafkaFailureHandler deadLetterQueue, MeterRegistry registry, String channel) {
        this.deadLetterQueue = deadLetterQueue;
        this.registry = registry;
        this.channel = channel;
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
        if (ConsumerStopping.causedBy(reason)) {
            return Uni.createFrom().nothing();
        }
        Counter.builder("intersession.consumer.dead.letters")
                .description("Records a consumer gave up on and wrote to its dead-letter topic")
                .tags("channel", channel, "topic", record.getTopic())
                .register(registry).increment();
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
        private final MeterRegistry registry;

        Factory(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue,
                MeterRegistry registry) {
            this.deadLetterQueue = deadLetterQueue;
            this.registry = registry;
        }

        @Override
        public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
                                          BiConsumer<Throwable, Boolean> reportFailure) {
            return new DeadLetterUnlessStopping(deadLetterQueue.create(config, vertx, consumer, reportFailure), registry,
                    config.getChannel());
        }
    }
}
