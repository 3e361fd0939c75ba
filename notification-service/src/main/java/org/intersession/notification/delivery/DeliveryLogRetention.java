package org.intersession.notification.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.platform.tenancy.Tenancy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Finished deliveries (sent, or given up) and their attempts are kept for inspection and replay, then deleted every
 * hour, a batch per transaction. Pending ones are never deleted, whatever their age.
 */
@ApplicationScoped
public class DeliveryLogRetention {

    static final int BATCH = 1000;

    private final EntityManager em;
    private final Duration retention;

    DeliveryLogRetention(EntityManager em, @ConfigProperty(name = "intersession.deliveries.retention") Duration retention) {
        this.em = em;
        this.retention = retention;
    }

    @Scheduled(identity = "delivery-log-cleanup", every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deleteOldDeliveries() {
        pruneFinishedBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention));
    }

    /** Deletes finished email and webhook deliveries created before {@code cutoff}, with their attempts. @return how many */
    public long pruneFinishedBefore(OffsetDateTime cutoff) {
        return prune("email_delivery", "status in ('SENT', 'FAILED')", cutoff)
                + prune("webhook_delivery", "status in ('SUCCEEDED', 'FAILED')", cutoff);
    }

    private long prune(String table, String finished, OffsetDateTime cutoff) {
        long total = 0;
        int deleted;
        do {
            // attempts go with their delivery (on delete cascade)
            deleted = Tenancy.acrossClinics("deleting deliveries past their retention", () -> QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery("delete from " + table + " where id in (select id from " + table
                                    + " where " + finished + " and created_at < :cutoff limit :n)")
                            .setParameter("cutoff", cutoff).setParameter("n", BATCH).executeUpdate()));
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
