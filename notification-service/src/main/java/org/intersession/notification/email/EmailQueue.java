package org.intersession.notification.email;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.SealedPayloads;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Decides an email, in the caller's transaction: one PENDING delivery row, sent later by the {@link EmailDispatcher}
 * outside any transaction. Nothing here waits on the mail server, so a slow or absent one never holds a consumer, a
 * lock or a transaction, and a transaction that rolls back leaves no email behind.
 */
@ApplicationScoped
public class EmailQueue {

    /** The subject and text, sealed at rest until sent. */
    public record Content(String subject, String text) {
    }

    public record Email(UUID clinicId, UUID recipientId, String kind, String address, String subject, String text) {
    }

    private final EntityManager em;
    private final SealedPayloads sealing;

    EmailQueue(EntityManager em, SealedPayloads sealing) {
        this.em = em;
        this.sealing = sealing;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(CloudEvent cause, Email email) {
        return enqueue(cause.source() + "#" + cause.id(), email);
    }

    /**
     * @param sourceId the cause (an event, a notification, a digest): each cause gets one email per kind and recipient
     * @return false if this cause's email was already queued
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(String sourceId, Email email) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return em.createNativeQuery("""
                        insert into email_delivery (id, clinic_id, recipient_id, kind, address, status, source_event_id,
                            sealed_message, attempts_in_round, next_attempt_at, created_at)
                        values (:id, :clinic, :recipient, :kind, :address, 'PENDING', :source, :sealed, 0, :now, :now)
                        on conflict (recipient_id, kind, source_event_id) do nothing""")
                .setParameter("id", id).setParameter("clinic", email.clinicId()).setParameter("recipient", email.recipientId())
                .setParameter("kind", email.kind()).setParameter("address", email.address()).setParameter("source", sourceId)
                .setParameter("sealed", sealing.seal(new Content(email.subject(), email.text()), id.toString()))
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    Content open(EmailDelivery delivery) {
        return sealing.open(delivery.sealedMessage, delivery.id.toString(), Content.class);
    }
}
