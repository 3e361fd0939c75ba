package org.intersession.assignment.template;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.intersession.platform.schema.FieldSchema;

import java.time.OffsetDateTime;
import java.util.UUID;

public record TemplateView(UUID id, @Schema(nullable = true) String slug, boolean builtIn, @Schema(nullable = true) String category, String status, int version,
                           String title, @Schema(nullable = true) String description, @Schema(nullable = true) String defaultInstructions, @Schema(nullable = true) String defaultRationale,
                           FieldSchema schema, OffsetDateTime updatedAt) {

    static TemplateView of(Template t, TemplateVersion v) {
        return new TemplateView(t.id, t.slug, t.isBuiltIn(), t.category, t.status, v.version, v.title, v.description,
                v.defaultInstructions, v.defaultRationale, v.fieldSchema, t.updatedAt);
    }
}
