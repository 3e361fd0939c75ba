package org.intersession.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.intersession.platform.tenancy.Tenancy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's backlog on {@code /q/metrics}: {@code intersession_outbox_pending} (events not yet on Kafka) and
 * {@code intersession_outbox_oldest_pending_age_seconds} (how long the oldest of them has waited; 0 when none waits).
 * Both grow while the broker is away and fall back to about zero once the relay catches up. Read from the table every
 * {@code intersession.outbox.meters-interval} (15 s), not on each scrape, so scraping costs no query.
 */
@Startup
@ApplicationScoped
public class OutboxMeters {

    private final EntityManager em;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingAgeSeconds = new AtomicLong();

    OutboxMeters(EntityManager em, MeterRegistry registry) {
        this.em = em;
        Gauge.builder("intersession.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events committed but not yet published to Kafka").register(registry);
        Gauge.builder("intersession.outbox.oldest.pending.age", oldestPendingAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest unpublished outbox event has waited").register(registry);
    }

    @Scheduled(identity = "outbox-meters", every = "${intersession.outbox.meters-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        // the outbox belongs to no clinic
        Object[] backlog = Tenancy.withoutClinic(() -> QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_event where sent_at is null")
                .getSingleResult()));
        pending.set(((Number) backlog[0]).longValue());
        oldestPendingAgeSeconds.set(((Number) backlog[1]).longValue());
    }
}
