package org.intersession.platform.consume;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.tenancy.Tenancy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a consumer's handling of one event in a transaction of its own and, while the database cannot be reached,
 * runs that whole transaction again until it can: the record is acknowledged only once its effect is committed, so
 * an outage delays events instead of dead-lettering them. Failures that another attempt would not cure (a malformed
 * event, a bug) are rethrown at once and go to the channel's dead-letter topic. Use it from an {@code @Incoming}
 * {@code @Blocking} method that is not itself {@code @Transactional}.
 * <p>
 * When the application stops, a waiting consumer gives up with {@link ConsumerStopping}; the channel's
 * {@link DeadLetterUnlessStopping} failure strategy leaves that record unacknowledged, so it is delivered again
 * after the restart.
 */
@ApplicationScoped
public class ConsumerTransaction {

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final TransientFailureRetry retry;
    private final EventCodec codec;

    ConsumerTransaction(ConsumerRetryConfig config, EventCodec codec) {
        this.retry = new TransientFailureRetry(config.initialBackoff(), config.maxBackoff(), this::pause);
        this.codec = codec;
    }

    /**
     * Parses {@code record} and handles the event in a new transaction for the clinic it names ({@link
     * CloudEvent#clinicId()}): the handling sees and writes that clinic's rows only. An event naming no clinic is
     * handled outside every clinic. A record that is not a CloudEvent fails at once (dead letter).
     */
    public void run(String consumer, String record, Consumer<CloudEvent> handling) {
        CloudEvent event = codec.parse(record);
        Runnable scoped = event.clinicId()
                .<Runnable>map(clinic -> () -> Tenancy.inClinic(clinic, () -> handling.accept(event)))
                .orElse(() -> Tenancy.withoutClinic(() -> handling.accept(event)));
        run(consumer, scoped);
    }

    /**
     * Runs {@code handling} in a new transaction, again after each failure to reach the database. The handling names
     * its tenancy scope itself ({@link Tenancy}); {@link #run(String, String, Consumer)} takes it from the event.
     */
    public void run(String consumer, Runnable handling) {
        retry.run(consumer, () -> {
            if (stopping.getCount() == 0) {
                throw new ConsumerStopping(consumer, null);
            }
            QuarkusTransaction.requiringNew().run(handling);
            return null;
        });
    }

    /** Before the Kafka connector closes its consumers: waiting consumers stop now rather than at their next attempt. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping.countDown();
    }

    private boolean pause(Duration duration) {
        try {
            return !stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
