package org.intersession.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.Session;
import org.intersession.platform.tenancy.Tenancy;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes outbox rows to Kafka in order and marks them sent once the broker acknowledged them
 * (acks=all, idempotent producer). Rows are claimed with FOR UPDATE SKIP LOCKED, so several instances
 * of a service can relay side by side. While the broker is away rows simply stay pending. Within one instance,
 * rounds run one at a time on one thread, started by each commit that appended events (see {@link Outbox}) and by a
 * poll that catches whatever a wake-up missed.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Kafka protocol binding of CloudEvents 1.0, structured mode. */
    private static final byte[] STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8);

    private final Emitter<String> emitter;
    private final EntityManager em;
    private final OutboxConfig config;
    /** intersession_outbox_published_total: events the broker acknowledged. */
    private final Counter published;
    private final AtomicBoolean roundRequested = new AtomicBoolean();
    private final ExecutorService rounds = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    OutboxRelay(@Channel("outbox") Emitter<String> emitter, EntityManager em, OutboxConfig config, MeterRegistry registry) {
        this.emitter = emitter;
        this.em = em;
        this.config = config;
        this.published = Counter.builder("intersession.outbox.published")
                .description("Outbox events published to Kafka and acknowledged by the broker").register(registry);
    }

    /** Skipped while the application starts or stops, when the channel or the datasource may not be there. */
    @Scheduled(identity = "outbox-relay", every = "${intersession.outbox.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /** Asks for a round soon. A request made while another one waits joins it. */
    public void wake() {
        if (roundRequested.compareAndSet(false, true)) {
            try {
                rounds.execute(this::round);
            } catch (RejectedExecutionException stopping) {
                roundRequested.set(false);
            }
        }
    }

    private void round() {
        roundRequested.set(false);
        try {
            publishPending();
        } catch (RuntimeException e) {
            // the rows stay pending for the next round (the application may be starting or stopping)
            LOG.debugf("outbox round failed: %s", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        rounds.shutdownNow();
    }

    void publishPending() {
        int published;
        do {
            // the outbox belongs to no clinic: the relay's sessions see no clinic's rows
            published = Tenancy.withoutClinic(() -> QuarkusTransaction.requiringNew().call(this::publishBatch));
        } while (published == config.batchSize());
    }

    @Scheduled(identity = "outbox-cleanup", every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deleteOldSentRows() {
        Tenancy.withoutClinic(() -> QuarkusTransaction.requiringNew().run(() -> em
                .createQuery("delete from OutboxEvent e where e.sentAt < :cutoff")
                .setParameter("cutoff", OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()))
                .executeUpdate()));
    }

    /** A claimed row: only what publishing needs. */
    record Pending(long seq, String topic, String partitionKey, String envelope) {
    }

    /**
     * @return how many rows were published; fewer than the batch size ends the round. Plain JDBC in the transaction's
     * connection: a round runs for nearly every committed event, and loading the rows as entities (hydration, dirty
     * checks, an update per row) was a sixth of notification-service's CPU under load.
     */
    int publishBatch() {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Pending> batch = claim(connection);
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
            for (Pending row : batch) {
                acks.add(send(row));
            }
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            List<Long> sent = new ArrayList<>(batch.size());
            List<Long> unsent = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Pending row = batch.get(i);
                try {
                    acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    sent.add(row.seq());
                } catch (ExecutionException | TimeoutException e) {
                    unsent.add(row.seq());
                    LOG.debugf("outbox row %d not yet published: %s", row.seq(), e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    unsent.add(row.seq());
                }
            }
            update(connection, "update outbox_event set sent_at = now() where seq = any (?)", sent);
            published.increment(sent.size());
            update(connection, "update outbox_event set attempts = attempts + 1 where seq = any (?)", unsent);
            if (!unsent.isEmpty()) {
                LOG.warnf("outbox: %d of %d events published; the rest stay pending until the broker answers",
                        sent.size(), batch.size());
                return -1;
            }
            return sent.size();
        });
    }

    private List<Pending> claim(Connection connection) throws SQLException {
        List<Pending> batch = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select seq, topic, partition_key, envelope from outbox_event
                where sent_at is null order by seq limit ? for update skip locked""")) {
            query.setInt(1, config.batchSize());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    batch.add(new Pending(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
        }
        return batch;
    }

    private static void update(Connection connection, String sql, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setArray(1, connection.createArrayOf("bigint", seqs.toArray()));
            update.executeUpdate();
        }
    }

    private CompletableFuture<Void> send(Pending row) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", STRUCTURED_CONTENT_TYPE);
        Message<String> message = Message.of(row.envelope())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.topic())
                        .withKey(row.partitionKey())
                        .withHeaders(headers)
                        .build())
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }
}
