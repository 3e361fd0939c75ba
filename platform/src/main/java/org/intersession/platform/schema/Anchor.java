package org.intersession.platform.schema;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** A label for one point of a scale, e.g. 0 "not at all" and 100 "extreme"; {@code value} is a whole number of the scale. */
public record Anchor(BigDecimal value, @Schema(maxLength = Field.MAX_LABEL_LENGTH) String label) {
}
