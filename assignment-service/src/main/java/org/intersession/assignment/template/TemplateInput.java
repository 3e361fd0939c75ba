package org.intersession.assignment.template;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.intersession.platform.schema.FieldSchema;

/** A clinic template as a therapist or admin writes it; its field schema must pass the schema validator. */
public record TemplateInput(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 500) String description,
        @NotBlank @Size(max = 40) @Pattern(regexp = "[a-z][a-z0-9-]*") String category,
        @Size(max = 4000) String defaultInstructions,
        @Size(max = 2000) String defaultRationale,
        @NotNull FieldSchema schema) {
}
