package org.intersession.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.intersession.platform.event.CloudEvent;

import java.sql.PreparedStatement;

/**
 * Remembers which events a consumer has processed. The id is written in the consumer's transaction,
 * before its effect: a redelivered event finds its id and changes nothing.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;

    Inbox(EntityManager em) {
        this.em = em;
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
}
