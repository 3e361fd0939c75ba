package org.intersession.notification.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Puts one notification in a user's in-app inbox; {@code sourceId} (the cause) makes each cause's effect unique. */
@ApplicationScoped
public class NotificationWriter {

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
        return notification;
    }
}
