package org.intersession.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.intersession.platform.event.CloudEvent;

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

    /** @return true the first time this consumer sees the event (CloudEvents: source plus id is unique). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, CloudEvent event) {
        int inserted = em.createNativeQuery("""
                        insert into inbox_event (consumer, source, event_id, type, received_at)
                        values (:consumer, :source, :id, :type, now())
                        on conflict do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("source", event.source())
                .setParameter("id", event.id())
                .setParameter("type", event.type())
                .executeUpdate();
        return inserted == 1;
    }
}
