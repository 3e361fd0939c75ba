package org.intersession.notification.webhook;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An endpoint as the API shows it: never its secret. */
public record WebhookEndpointView(UUID id, String url, List<String> eventTypes, @Schema(nullable = true) String description,
                                  WebhookEndpoint.ContentMode contentMode, boolean enabled,
                                  @Schema(nullable = true) String disabledReason, OffsetDateTime createdAt) {

    static WebhookEndpointView of(WebhookEndpoint e) {
        return new WebhookEndpointView(e.id, e.url, List.copyOf(e.eventTypes), e.description, e.contentMode, e.enabled,
                e.disabledReason, e.createdAt);
    }

    /** The answer to a registration: the view and, this once, the signing secret. */
    @Schema(name = "WebhookEndpointWithSecret")
    public record Created(@JsonUnwrapped WebhookEndpointView endpoint, String secret) {
    }

    /** The answer to a rotation: the new secret, and until when the previous one still signs. */
    @Schema(name = "WebhookSecret")
    public record RotatedSecret(String secret, @Schema(nullable = true) OffsetDateTime previousSecretExpiresAt) {
    }
}
