package org.intersession.platform.event.notification;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A notification was sent, or could not be, on one channel: for the audit trail and for clinic webhooks.
 * It names the kind and the recipient, never the text.
 */
public record NotificationOutcome(UUID clinicId, UUID recipientId, String kind, String channel, @Nullable String detail,
                                  OffsetDateTime at) {

    public static final String SENT = "org.intersession.notification.sent.v1";
    public static final String FAILED = "org.intersession.notification.failed.v1";
}
