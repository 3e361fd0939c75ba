package org.intersession.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON compared by what it means rather than how it was written. Two values are equivalent when they are equal after
 * parsing, with object members in any order (PostgreSQL's jsonb reorders them), a member whose value is null the same
 * as an absent one (our requests read both as "not given"), and numbers equal by value (40 and 40.0, as our field
 * types judge answers and bounds). Strings, booleans and numbers never match each other: "40" is not 40.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** Whether {@code a} and {@code b} say the same thing; a Java null is JSON null. */
    public static boolean equivalent(JsonNode a, JsonNode b) {
        return write(a).equals(write(b));
    }

    /**
     * The one text of every equivalent value: members sorted by name, null members left out, numbers in their shortest
     * exact form ({@code 4E+1} for 40 and 40.0 alike). For hashing; not meant to be read back by people.
     */
    public static String write(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value == null ? JsonNodeFactory.instance.nullNode() : value, out);
        return out.toString();
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!member.getValue().isNull() && !member.getValue().isMissingNode()) {
                    members.put(member.getKey(), member.getValue());
                }
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> member : members.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(JsonNodeFactory.instance.textNode(member.getKey())).append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(value.get(i), out);
            }
            out.append(']');
        } else if (value.isNumber()) {
            out.append(number(value));
        } else if (value.isMissingNode()) {
            out.append("null");
        } else {
            // strings quoted and escaped by Jackson; true, false and null as themselves
            out.append(value);
        }
    }

    /** A number's value with no trailing zeros, whatever Java type it was parsed into. */
    private static String number(JsonNode value) {
        if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue()) && !value.isBigDecimal()) {
            return String.valueOf(value.doubleValue());
        }
        // a float's own decimal form, so 0.1f is 0.1 rather than its binary expansion
        BigDecimal decimal = value.isFloat() ? new BigDecimal(Float.toString(value.floatValue()))
                : value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toString();
    }
}
