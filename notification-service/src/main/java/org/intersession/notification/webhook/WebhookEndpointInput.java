package org.intersession.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A new endpoint: where to POST, which CloudEvent types (see {@link WebhookEventTypes}), a note for people, and how
 * deliveries are framed ({@code JSON} when absent).
 */
public record WebhookEndpointInput(
        @NotBlank @Size(max = 2048) String url,
        @NotNull @Size(min = 1, max = 50) List<@NotBlank @Size(max = 200) String> eventTypes,
        @Size(max = 500) String description,
        WebhookEndpoint.ContentMode contentMode) {
}
