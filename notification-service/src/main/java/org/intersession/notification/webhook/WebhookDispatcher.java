package org.intersession.notification.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.intersession.notification.notification.NotificationWriter;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends due deliveries: claim (a short transaction takes a batch with FOR UPDATE SKIP LOCKED and leases it), send
 * (in parallel, no transaction, no locks held), record (one short transaction per delivery, only if the lease is
 * still ours). Several instances never send the same attempt twice; a crashed instance's lease runs out and the
 * delivery becomes due again. Failures are retried on the configured schedule, with jitter; after the last one the
 * delivery fails, the endpoint is disabled, and the clinic's admins are told in their inbox. Deliveries of one subject
 * to one endpoint go in sequence: one is claimed only when no earlier one of that subject is still pending.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    /** Bounds one dispatch run, so a steady stream of due work cannot keep the scheduler thread forever. */
    private static final int MAX_BATCHES_PER_RUN = 50;

    private record Claimed(UUID deliveryId, UUID leaseToken, UUID endpointId, UUID clinicId, String eventType,
                           WebhookPoster.Message message) {
    }

    private final EntityManager em;
    private final WebhookConfig config;
    private final WebhookSecrets secrets;
    private final WebhookPoster poster;
    private final NotificationWriter writer;
    private final ClinicAdmins admins;
    private final ExecutorService senders;
    private final Duration lease;

    WebhookDispatcher(EntityManager em, WebhookConfig config, WebhookSecrets secrets, WebhookPoster poster,
                      NotificationWriter writer, ClinicAdmins admins) {
        this.em = em;
        this.config = config;
        this.secrets = secrets;
        this.poster = poster;
        this.writer = writer;
        this.admins = admins;
        // a sender may wait for DNS, the connect timeout and the request timeout; the lease outlasts all three
        this.lease = config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30);
        this.senders = Executors.newFixedThreadPool(config.batchSize(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-send");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    @Scheduled(identity = "webhook-dispatch", every = "${intersession.webhooks.dispatch-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        dispatchDue();
    }

    /** Sends every delivery due now, a batch at a time. @return how many attempts were made */
    public int dispatchDue() {
        int attempted = 0;
        for (int round = 0; round < MAX_BATCHES_PER_RUN; round++) {
            Instant now = Instant.now();
            List<Claimed> batch = QuarkusTransaction.requiringNew().call(() -> claim(now));
            AtomicBoolean anySent = new AtomicBoolean();
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (Claimed claimed : batch) {
                sends.add(CompletableFuture.supplyAsync(() -> poster.post(claimed.message()), senders)
                        .thenAccept(outcome -> {
                            record(claimed, outcome);
                            anySent.compareAndSet(false, outcome.succeeded());
                        }));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            attempted += batch.size();
            // a full batch may leave more due; a sent delivery may have made the next one of its subject claimable
            if (batch.size() < config.batchSize() && !anySent.get()) {
                break;
            }
        }
        return attempted;
    }

    @SuppressWarnings("unchecked")
    private List<Claimed> claim(Instant now) {
        UUID token = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<UUID> ids = em.createNativeQuery("""
                        update webhook_delivery set lease_until = :leaseUntil, lease_token = :token
                        where id in (select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                                     where d.status = 'PENDING' and d.next_attempt_at <= :now
                                       and (d.lease_until is null or d.lease_until < :now) and e.enabled
                                       and not exists (select 1 from webhook_delivery earlier
                                                       where earlier.endpoint_id = d.endpoint_id and earlier.subject = d.subject
                                                         and earlier.sequence < d.sequence and earlier.status = 'PENDING')
                                     order by d.next_attempt_at limit :n
                                     for update of d skip locked)
                        returning id""", UUID.class)
                .setParameter("leaseUntil", at.plus(lease)).setParameter("token", token)
                .setParameter("now", at).setParameter("n", config.batchSize())
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Claimed> claimed = new ArrayList<>();
        for (WebhookDelivery delivery : WebhookDelivery.<WebhookDelivery>list("id in ?1", ids)) {
            WebhookEndpoint endpoint = WebhookEndpoint.findById(delivery.endpointId);
            List<String> signing = new ArrayList<>();
            try {
                signing.add(secrets.decrypt(endpoint.id, endpoint.secret));
                if (endpoint.previousSecret != null && endpoint.previousSecretExpiresAt.isAfter(at)) {
                    signing.add(secrets.decrypt(endpoint.id, endpoint.previousSecret));
                }
            } catch (IllegalStateException e) {
                // never send unsigned; the lease runs out and it is tried again, without holding up the others
                LOG.error(e.getMessage());
                continue;
            }
            claimed.add(new Claimed(delivery.id, token, endpoint.id, endpoint.clinicId, delivery.eventType,
                    new WebhookPoster.Message(endpoint.url, delivery.id.toString(), endpoint.contentMode.contentType(),
                            delivery.payload, List.copyOf(signing))));
        }
        return claimed;
    }

    private void record(Claimed claimed, WebhookPoster.Outcome outcome) {
        try {
            QuarkusTransaction.requiringNew().run(() -> recordAttempt(claimed, outcome, OffsetDateTime.now(ZoneOffset.UTC)));
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is tried again; nothing else is lost
            LOG.errorf(e, "could not record webhook delivery %s", claimed.deliveryId());
        }
    }

    private void recordAttempt(Claimed claimed, WebhookPoster.Outcome outcome, OffsetDateTime now) {
        WebhookDelivery delivery = WebhookDelivery.<WebhookDelivery>find("id = ?1 and leaseToken = ?2",
                claimed.deliveryId(), claimed.leaseToken()).firstResult();
        if (delivery == null) {
            return; // deleted with its endpoint meanwhile, or the lease ran out and another instance has it
        }
        WebhookAttempt attempt = new WebhookAttempt();
        attempt.id = UUID.randomUUID();
        attempt.deliveryId = delivery.id;
        attempt.at = now.minus(Duration.ofMillis(outcome.durationMs()));
        attempt.responseStatus = outcome.status();
        attempt.error = outcome.error();
        attempt.durationMs = outcome.durationMs();
        attempt.persist();

        delivery.attemptsInRound++;
        delivery.leaseUntil = null;
        delivery.leaseToken = null;
        List<Duration> schedule = config.retrySchedule();
        if (outcome.succeeded()) {
            delivery.status = WebhookDelivery.Status.SUCCEEDED;
            delivery.nextAttemptAt = null;
            writer.outcome(claimed.clinicId(), claimed.endpointId(), "webhook", WebhookEventTypes.WEBHOOK_CHANNEL, true,
                    claimed.eventType() + ": HTTP " + outcome.status());
        } else if (delivery.attemptsInRound <= schedule.size()) {
            delivery.nextAttemptAt = now.plus(jittered(schedule.get(delivery.attemptsInRound - 1)));
        } else {
            delivery.status = WebhookDelivery.Status.FAILED;
            delivery.nextAttemptAt = null;
            writer.outcome(claimed.clinicId(), claimed.endpointId(), "webhook", WebhookEventTypes.WEBHOOK_CHANNEL, false,
                    claimed.eventType() + ": " + outcome.error());
            disable(claimed, delivery.attemptsInRound, outcome.error());
        }
    }

    private void disable(Claimed claimed, int attempts, String lastError) {
        WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, claimed.endpointId(), LockModeType.PESSIMISTIC_WRITE);
        if (endpoint == null || !endpoint.enabled) {
            return;
        }
        endpoint.enabled = false;
        String reason = "delivery " + claimed.deliveryId() + " failed " + attempts + " times; last error: " + lastError;
        endpoint.disabledReason = reason.length() > WebhookPoster.MAX_ERROR_LENGTH ? reason.substring(0, WebhookPoster.MAX_ERROR_LENGTH) : reason;
        endpoint.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        String host = URI.create(endpoint.url).getHost();
        for (UUID admin : admins.of(endpoint.clinicId)) {
            writer.write(endpoint.clinicId, admin, "webhook.disabled", "HIGH", "A webhook endpoint was disabled",
                    "Deliveries to " + host + " kept failing, so the endpoint was disabled. Fix the receiver, then enable it"
                            + " again; its pending deliveries resume then.",
                    "webhook-disabled#" + endpoint.id + "#" + claimed.deliveryId());
        }
    }

    private Duration jittered(Duration base) {
        double spread = config.retryJitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * (1 + spread))));
    }
}
