package org.intersession.notification.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A delivery with every attempt made, oldest first. */
public record WebhookDeliveryView(UUID id, String eventId, String eventType, WebhookDelivery.Status status,
                                  List<Attempt> attempts, @Schema(nullable = true) OffsetDateTime nextAttemptAt, OffsetDateTime createdAt) {

    public record Attempt(OffsetDateTime at, @Schema(nullable = true) Integer responseStatus, @Schema(nullable = true) String error, int durationMs) {

        static Attempt of(WebhookAttempt a) {
            return new Attempt(a.at, a.responseStatus, a.error, a.durationMs);
        }
    }

    static WebhookDeliveryView of(WebhookDelivery d, List<WebhookAttempt> attempts) {
        return new WebhookDeliveryView(d.id, d.eventId, d.eventType, d.status, attempts.stream().map(Attempt::of).toList(),
                d.status == WebhookDelivery.Status.PENDING ? d.nextAttemptAt : null, d.createdAt);
    }
}
