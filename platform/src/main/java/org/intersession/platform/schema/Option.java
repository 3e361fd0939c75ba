package org.intersession.platform.schema;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.regex.Pattern;

/**
 * One choice of a single_choice or multi_choice field: {@code value} is what an answer holds and is stable across
 * template versions ({@code [a-z0-9_]{1,40}}, unique within the field); {@code label} is what the client reads.
 */
public record Option(@Schema(maxLength = 40) String value, @Schema(maxLength = Field.MAX_LABEL_LENGTH) String label) {

    public static final Pattern VALUE = Pattern.compile("[a-z0-9_]{1,40}");
}
