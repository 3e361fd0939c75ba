package org.intersession.platform.schema;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads the loosely typed values Jackson makes of untyped JSON without throwing. Arithmetic happens only on numbers
 * known to be small ({@link #isSmall}): a BigDecimal such as 1e-999999999 is short to send but costly to align.
 */
final class Values {

    private Values() {
    }

    /** The value as a number, or null when it is not one (a numeric string is not a number; neither are NaN and ±∞). */
    static BigDecimal number(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            // Float's own decimal form, so 0.1f reads as 0.1 rather than its binary expansion.
            return Double.isFinite(d) ? new BigDecimal(value.toString()) : null;
        }
        return null;
    }

    /** Whether the value was written as a JSON integer (no fraction, no exponent), which Jackson reads as one of these. */
    static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    /** Within ±{@link Field#MAX_MAGNITUDE} and with at most {@link Field#MAX_DECIMAL_PLACES} decimal places. */
    static boolean isSmall(BigDecimal n) {
        return n.abs().compareTo(Field.MAX_MAGNITUDE) <= 0 && decimalPlaces(n) <= Field.MAX_DECIMAL_PLACES;
    }

    static boolean isWhole(BigDecimal n) {
        return decimalPlaces(n) == 0;
    }

    /** Decimal places without trailing zeros: 2.50 has 1. Cheap even for a huge scale. */
    static int decimalPlaces(BigDecimal n) {
        return n.signum() == 0 ? 0 : Math.max(0, n.stripTrailingZeros().scale());
    }

    /** Whether {@code n} is {@code base} plus a whole multiple of {@code step}; true when they are not all small. */
    static boolean isOnStep(BigDecimal n, BigDecimal base, BigDecimal step) {
        if (!isSmall(n) || !isSmall(base) || !isSmall(step) || step.signum() <= 0) {
            return true;
        }
        return n.subtract(base).remainder(step).signum() == 0;
    }

    /** A number for a message: plain when small (100, not 1E+2), else scientific, so no message grows huge. */
    static String show(BigDecimal n) {
        return isSmall(n) ? n.stripTrailingZeros().toPlainString() : n.toString();
    }

    /** Whether text holds control characters other than tab and line breaks (PostgreSQL jsonb cannot store NUL). */
    static boolean hasControlCharacters(String text, boolean lineBreaksAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }
}
