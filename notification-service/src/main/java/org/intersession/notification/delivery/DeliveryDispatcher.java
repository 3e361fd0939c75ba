package org.intersession.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;
import org.intersession.platform.tenancy.Tenancy;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a channel's due deliveries, the one way every outbound channel is sent. A delivery row is written in the
 * transaction that decides to send; then: claim (a short transaction takes a batch with FOR UPDATE SKIP LOCKED and
 * leases it), send (in parallel, outside any transaction, no locks held), record (one short transaction per delivery,
 * only if the lease is still ours: the attempt, then sent, retried later, or given up). Several instances never send
 * the same attempt twice; a crashed instance's lease runs out and the delivery becomes due again.
 * <p>
 * Tenancy: the claim is the one step across clinics (due work is claimed wherever it is); each outcome is recorded in
 * its delivery's clinic ({@link Tenancy#inClinic}), and every statement on a delivery names its clinic.
 */
public final class DeliveryDispatcher<M> {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    /** Bounds one dispatch run, so a steady stream of due work cannot keep the scheduler thread forever. */
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final DeliveryChannel<M> channel;
    private final EntityManager em;
    private final ExecutorService senders;
    private final MeterRegistry meters;

    /**
     * @param meters where each attempt counts, as {@code intersession_deliveries_total} tagged with the channel and the
     *               outcome: {@code sent}, {@code retry} (failed, to be tried again) or {@code failed} (given up)
     */
    public DeliveryDispatcher(DeliveryChannel<M> channel, EntityManager em, MeterRegistry meters) {
        this.channel = channel;
        this.em = em;
        this.meters = meters;
        this.senders = Executors.newFixedThreadPool(channel.batchSize(), runnable -> {
            Thread thread = new Thread(runnable, channel.name() + "-send");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void stop() {
        senders.shutdownNow();
    }

    /** Sends every delivery due now, a batch at a time. @return how many attempts were made */
    public int dispatchDue() {
        int attempted = 0;
        for (int round = 0; round < MAX_BATCHES_PER_RUN; round++) {
            UUID token = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
            List<DeliveryChannel.Claimed<M>> batch = Tenancy.acrossClinics(channel.name() + " dispatch: claims every clinic's due deliveries",
                    () -> QuarkusTransaction.requiringNew().call(() -> claim(token, now)));
            AtomicBoolean anySent = new AtomicBoolean();
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (DeliveryChannel.Claimed<M> claimed : batch) {
                sends.add(CompletableFuture.supplyAsync(() -> channel.send(claimed.message()), senders)
                        .thenAccept(outcome -> {
                            record(token, claimed, outcome);
                            anySent.compareAndSet(false, outcome.succeeded());
                        }));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            attempted += batch.size();
            // a full batch may leave more due; a sent delivery may have made the next one of its subject claimable
            if (batch.size() < channel.batchSize() && !anySent.get()) {
                break;
            }
        }
        return attempted;
    }

    @SuppressWarnings("unchecked")
    private List<DeliveryChannel.Claimed<M>> claim(UUID token, OffsetDateTime now) {
        String table = channel.deliveryTable();
        List<UUID> ids = em.createNativeQuery("update " + table + " set lease_until = :leaseUntil, lease_token = :token"
                        + " where id in (select d.id from " + table + " d " + channel.claimJoin()
                        + " where d.status = 'PENDING' and d.next_attempt_at <= :now"
                        + " and (d.lease_until is null or d.lease_until < :now) " + channel.claimCondition()
                        + " order by d.next_attempt_at limit :n for update of d skip locked) returning id", UUID.class)
                .setParameter("leaseUntil", now.plus(channel.lease())).setParameter("token", token)
                .setParameter("now", now).setParameter("n", channel.batchSize())
                .getResultList();
        return ids.isEmpty() ? List.of() : channel.load(ids, now);
    }

    private void record(UUID token, DeliveryChannel.Claimed<M> claimed, SendOutcome outcome) {
        try {
            Tenancy.inClinic(claimed.clinicId(), () -> QuarkusTransaction.requiringNew()
                    .run(() -> recordAttempt(token, claimed, outcome, OffsetDateTime.now(ZoneOffset.UTC))));
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is tried again; nothing else is lost
            LOG.errorf(e, "could not record %s delivery %s", channel.name(), claimed.deliveryId());
        }
    }

    @SuppressWarnings("unchecked")
    private void recordAttempt(UUID token, DeliveryChannel.Claimed<M> claimed, SendOutcome outcome, OffsetDateTime now) {
        String table = channel.deliveryTable();
        UUID clinic = Tenancy.clinicId();
        List<Number> held = em.createNativeQuery("select attempts_in_round from " + table
                        + " where id = :id and clinic_id = :clinic and lease_token = :token for update")
                .setParameter("id", claimed.deliveryId()).setParameter("clinic", clinic).setParameter("token", token)
                .getResultList();
        if (held.isEmpty()) {
            return; // deleted meanwhile (a webhook endpoint with its deliveries), or the lease ran out and another has it
        }
        int attempts = held.get(0).intValue() + 1;
        // nullable values are bound with their type, so that PostgreSQL is not handed an untyped null
        typedQuery("insert into " + channel.attemptTable() + " (id, clinic_id, delivery_id, at, response_status, error, duration_ms)"
                        + " values (:id, :clinic, :delivery, :at, :status, :error, :duration)")
                .setParameter("id", UUID.randomUUID()).setParameter("clinic", clinic).setParameter("delivery", claimed.deliveryId())
                .setParameter("at", now.minus(Duration.ofMillis(outcome.durationMs())))
                .setParameter("status", outcome.status(), Integer.class).setParameter("error", outcome.error(), String.class)
                .setParameter("duration", outcome.durationMs())
                .executeUpdate();
        Optional<Duration> retryIn = outcome.succeeded() ? Optional.empty() : channel.retryPolicy().waitAfter(attempts);
        String status = outcome.succeeded() ? channel.sentStatus() : retryIn.isPresent() ? "PENDING" : "FAILED";
        typedQuery("update " + table + " set status = :status, attempts_in_round = :attempts, next_attempt_at = :next,"
                        + " lease_until = null, lease_token = null where id = :id and clinic_id = :clinic")
                .setParameter("status", status).setParameter("attempts", attempts)
                .setParameter("next", retryIn.map(now::plus).orElse(null), OffsetDateTime.class)
                .setParameter("id", claimed.deliveryId()).setParameter("clinic", clinic)
                .executeUpdate();
        if (outcome.succeeded()) {
            channel.sent(claimed, outcome);
        } else if (retryIn.isEmpty()) {
            channel.gaveUp(claimed, attempts, outcome);
        }
        Counter.builder("intersession.deliveries").description("Delivery attempts by channel and outcome")
                .tags("channel", channel.name(), "outcome", outcome.succeeded() ? "sent" : retryIn.isPresent() ? "retry" : "failed")
                .register(meters).increment();
    }

    private NativeQuery<?> typedQuery(String sql) {
        return (NativeQuery<?>) em.createNativeQuery(sql);
    }
}
