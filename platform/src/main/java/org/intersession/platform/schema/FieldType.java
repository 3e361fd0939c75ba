package org.intersession.platform.schema;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kind of answer a {@link Field} takes. In JSON each type is its constant's name in lower case, e.g. {@code long_text}. */
public enum FieldType {
    TEXT, LONG_TEXT, INTEGER, DECIMAL, SCALE, BOOLEAN, SINGLE_CHOICE, MULTI_CHOICE, DATE, TIME, DURATION_MINUTES,
    LIST_OF_TEXT;

    /** The types answered with a number and bounded by {@code min} and {@code max}, in declaration order. */
    public static final Set<FieldType> NUMERIC =
            Collections.unmodifiableSet(EnumSet.of(INTEGER, DECIMAL, SCALE, DURATION_MINUTES));

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isNumeric() {
        return NUMERIC.contains(this);
    }

    /** Numeric types whose answers, bounds and steps are whole numbers: all but decimal. */
    boolean isWholeNumber() {
        return isNumeric() && this != DECIMAL;
    }
}
