package org.intersession.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The parts of an endpoint a clinic may change; absent fields stay as they are. Enabling clears the disabled reason. */
public record WebhookEndpointPatch(
        @Size(min = 1, max = 2048) String url,
        @Size(min = 1, max = 50) List<@NotBlank @Size(max = 200) String> eventTypes,
        @Size(max = 500) String description,
        Boolean enabled,
        WebhookEndpoint.ContentMode contentMode) {
}
