package org.intersession.platform.schema;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The form of a homework: its fields, in the order the client sees them. JSON: {@code {"fields": [ ... ]}}, one
 * {@link Field} object each. Records hold what was sent, unchecked: {@link SchemaValidator} says whether it is a valid
 * schema, {@link AnswerValidator} whether answers fit it, and {@link AlertEvaluator} which alert rules they trigger.
 */
// The limits are enforced by SchemaValidator, with its own messages; @Schema only documents them.
public record FieldSchema(@Schema(maxItems = FieldSchema.MAX_FIELDS) List<Field> fields) {

    public static final int MAX_FIELDS = 50;
}
