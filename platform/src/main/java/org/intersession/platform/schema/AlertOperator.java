package org.intersession.platform.schema;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How an {@link AlertRule} compares an answer. In JSON each is its constant's name in lower case, e.g. {@code at_least}. */
public enum AlertOperator {
    /** The number answered is at least the rule's value (integer, decimal, scale, duration_minutes). */
    AT_LEAST,
    /** The number answered is at most the rule's value (integer, decimal, scale, duration_minutes). */
    AT_MOST,
    /** The answer equals the rule's value: a number, {@code true}/{@code false}, or one option of a single_choice. */
    EQUALS,
    /** The option chosen (single_choice), or any option chosen (multi_choice), is one of the rule's values. */
    ANY_OF;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
