package org.intersession.platform.schema;

import java.math.BigDecimal;

/** A label for one point of a scale, e.g. 0 "not at all" and 100 "extreme"; {@code value} is a whole number of the scale. */
public record Anchor(BigDecimal value, String label) {
}
