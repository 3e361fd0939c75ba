package org.intersession.notification.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.notification.NotificationOutcome;
import org.intersession.platform.outbox.Outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Puts one notification in a user's in-app inbox; {@code sourceId} (the cause) makes each cause's effect unique. */
@ApplicationScoped
public class NotificationWriter {

    private final Outbox outbox;

    NotificationWriter(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Publishes notification.sent or notification.failed for one channel, keyed by the recipient. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void outcome(UUID clinicId, UUID recipientId, String kind, String channel, boolean sent, String detail) {
        outbox.append(Topics.NOTIFICATION, recipientId.toString(), sent ? NotificationOutcome.SENT : NotificationOutcome.FAILED,
                "users/" + recipientId + "/notifications", new NotificationOutcome(clinicId, recipientId, kind, channel, detail,
                        OffsetDateTime.now(ZoneOffset.UTC)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Notification write(UUID clinicId, UUID recipientId, String kind, String priority, String title, String body, String sourceId) {
        Notification notification = new Notification();
        notification.id = UUID.randomUUID();
        notification.clinicId = clinicId;
        notification.recipientId = recipientId;
        notification.kind = kind;
        notification.priority = priority;
        notification.title = title.length() > 200 ? title.substring(0, 200) : title;
        notification.body = body;
        notification.sourceEventId = sourceId;
        notification.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        notification.persist();
        outcome(clinicId, recipientId, kind, "IN_APP", true, null);
        return notification;
    }
}
