package org.intersession.notification.webhook;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** One event type a webhook endpoint may subscribe to. */
public record WebhookEventTypeView(
        @Schema(description = "The exact CloudEvents `type`, as endpoints list it in `eventTypes`",
                example = "org.intersession.progress.flagged.v1") String type,
        @Schema(description = "When the event happens") String description,
        @Schema(type = SchemaType.OBJECT, description = "The JSON Schema (draft 2020-12) of the event's `data`, generated from its payload record")
        Map<String, Object> dataSchema) {
}
