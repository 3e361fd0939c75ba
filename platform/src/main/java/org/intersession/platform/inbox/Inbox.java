package org.intersession.platform.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.tenancy.Tenancy;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Remembers which events a consumer has processed. The id is written in the consumer's transaction,
 * before its effect: a redelivered event finds its id and changes nothing. Ids older than the configured retention
 * are deleted every hour, in small batches.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;
    private final InboxConfig config;

    Inbox(EntityManager em, InboxConfig config) {
        this.em = em;
        this.config = config;
    }

    /**
     * @return true the first time this consumer sees the event (CloudEvents: source plus id is unique). Over JDBC in
     * the transaction's connection: every consumer runs it for every event, and it is called first, before any change
     * Hibernate would have to flush.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, CloudEvent event) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into inbox_event (consumer, source, event_id, type, received_at)
                    values (?, ?, ?, ?, now())
                    on conflict do nothing""")) {
                insert.setString(1, consumer);
                insert.setString(2, event.source());
                insert.setString(3, event.id());
                insert.setString(4, event.type());
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Scheduled(identity = "inbox-cleanup", every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deleteOldRows() {
        pruneReceivedBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()));
    }

    /** Deletes the ids received before {@code cutoff}, a batch per transaction. @return how many */
    public long pruneReceivedBefore(OffsetDateTime cutoff) {
        long total = 0;
        int deleted;
        do {
            // the inbox belongs to no clinic
            deleted = Tenancy.withoutClinic(() -> QuarkusTransaction.requiringNew().call(() -> em.unwrap(Session.class)
                    .doReturningWork(connection -> {
                        try (PreparedStatement delete = connection.prepareStatement("""
                                delete from inbox_event where ctid in (
                                    select ctid from inbox_event where received_at < ? limit ?)""")) {
                            delete.setObject(1, cutoff);
                            delete.setInt(2, config.pruneBatchSize());
                            return delete.executeUpdate();
                        }
                    })));
            total += deleted;
        } while (deleted == config.pruneBatchSize());
        return total;
    }
}
