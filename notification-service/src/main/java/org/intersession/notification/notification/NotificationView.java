package org.intersession.notification.notification;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

public record NotificationView(UUID id, String kind, String priority, String title, @Schema(nullable = true) String body, OffsetDateTime createdAt,
                               @Schema(nullable = true) OffsetDateTime readAt) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id, n.kind, n.priority, n.title, n.body, n.createdAt, n.readAt);
    }
}
