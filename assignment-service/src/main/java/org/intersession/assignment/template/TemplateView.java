package org.intersession.assignment.template;

import org.intersession.platform.schema.FieldSchema;

import java.time.OffsetDateTime;
import java.util.UUID;

public record TemplateView(UUID id, String slug, boolean builtIn, String category, String status, int version,
                           String title, String description, String defaultInstructions, String defaultRationale,
                           FieldSchema schema, OffsetDateTime updatedAt) {

    static TemplateView of(Template t, TemplateVersion v) {
        return new TemplateView(t.id, t.slug, t.isBuiltIn(), t.category, t.status, v.version, v.title, v.description,
                v.defaultInstructions, v.defaultRationale, v.fieldSchema, t.updatedAt);
    }
}
