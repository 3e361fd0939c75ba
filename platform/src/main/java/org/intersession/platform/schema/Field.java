package org.intersession.platform.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One question of a homework form. Every field has a {@code key} ({@code [a-z][a-z0-9_]{0,39}}, unique in the schema,
 * the name of its answer), a {@code label} (1 to {@value #MAX_LABEL_LENGTH} characters), a {@code type}, {@code required}
 * (false when absent) and an optional {@code help} (at most {@value #MAX_HELP_LENGTH} characters). The other properties
 * belong to certain types; {@link SchemaValidator} refuses one set on any other type.
 * <ul>
 * <li>integer, decimal, scale, duration_minutes: {@code min} and {@code max} bound the answer, both inclusive, and an
 *     optional {@code step} (greater than 0) says the answer is {@code min} (or 0 without min) plus a multiple of it.
 *     Without bounds an answer lies within ±1,000,000,000 ({@link #MAX_MAGNITUDE}), and a duration_minutes from 0 to
 *     {@value #DEFAULT_MAX_DURATION_MINUTES}. A scale needs both bounds, whole and at most {@value #MAX_SCALE_SPAN} apart,
 *     and may label points with {@code anchors}. Bounds and steps are whole numbers except for decimal, which allows
 *     {@value #MAX_DECIMAL_PLACES} decimal places; all lie within ±1,000,000,000.</li>
 * <li>text, long_text: {@code minLength} and {@code maxLength} bound the answer's length; maxLength defaults to, and may
 *     not exceed, {@value #MAX_TEXT_LENGTH} for text and {@value #MAX_LONG_TEXT_LENGTH} for long_text.</li>
 * <li>list_of_text: {@code minItems} and {@code maxItems} bound the number of entries (at most
 *     {@value #MAX_LIST_ITEMS}, the default), {@code maxLength} the length of each (at most
 *     {@value #MAX_LIST_ITEM_LENGTH}, the default).</li>
 * <li>single_choice, multi_choice: {@code options}, 1 to {@value #MAX_OPTIONS}.</li>
 * <li>boolean, date (answered {@code yyyy-MM-dd}), time ({@code HH:mm}, 24-hour): nothing more.</li>
 * <li>{@code alert}: integer, decimal, scale, duration_minutes, boolean, single_choice and multi_choice.</li>
 * </ul>
 * Lengths count UTF-16 code units, as Bean Validation's {@code @Size} does elsewhere in the API. Example:
 * <pre>{"key": "intensity", "label": "How strong was the feeling?", "type": "scale", "required": true,
 *  "help": "Rate it as it was at its strongest.", "min": 0, "max": 100, "step": 5,
 *  "anchors": [{"value": 0, "label": "Not at all"}, {"value": 100, "label": "As strong as I can imagine"}],
 *  "alert": {"operator": "at_least", "value": 90, "message": "Very strong feeling"}}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Field(
        @Schema(maxLength = 40) String key,
        @Schema(maxLength = Field.MAX_LABEL_LENGTH) String label,
        FieldType type,
        boolean required,
        @Schema(maxLength = Field.MAX_HELP_LENGTH) String help,
        BigDecimal min,
        BigDecimal max,
        BigDecimal step,
        @Schema(minimum = "0", maximum = "10000") Integer minLength,
        @Schema(minimum = "1", maximum = "10000") Integer maxLength,
        @Schema(minimum = "0", maximum = "50") Integer minItems,
        @Schema(minimum = "1", maximum = "50") Integer maxItems,
        @Schema(maxItems = Field.MAX_ANCHORS) List<Anchor> anchors,
        @Schema(maxItems = Field.MAX_OPTIONS) List<Option> options,
        AlertRule alert) {

    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    public static final int MAX_LABEL_LENGTH = 200;
    public static final int MAX_HELP_LENGTH = 1000;
    public static final int MAX_TEXT_LENGTH = 2000;
    public static final int MAX_LONG_TEXT_LENGTH = 10_000;
    public static final int MAX_LIST_ITEMS = 50;
    public static final int MAX_LIST_ITEM_LENGTH = 500;
    public static final int MAX_OPTIONS = 50;
    public static final int MAX_ANCHORS = 11;
    public static final int MAX_SCALE_SPAN = 1000;
    public static final int MAX_DECIMAL_PLACES = 6;
    public static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1000000000");
    public static final int DEFAULT_MAX_DURATION_MINUTES = 1440;
    /** Schedule windows are at most 7 days, so no single entry reports a longer duration. */
    public static final int MAX_DURATION_MINUTES = 7 * 1440;

    /** The lowest number a numeric answer may be: {@code min}, or the type's default. */
    BigDecimal lowerBound() {
        if (min != null) {
            return min;
        }
        return type == FieldType.DURATION_MINUTES ? BigDecimal.ZERO : MAX_MAGNITUDE.negate();
    }

    /** The highest number a numeric answer may be: {@code max}, or the type's default. */
    BigDecimal upperBound() {
        if (max != null) {
            return max;
        }
        return type == FieldType.DURATION_MINUTES ? BigDecimal.valueOf(DEFAULT_MAX_DURATION_MINUTES) : MAX_MAGNITUDE;
    }

    /** Where steps are counted from. */
    BigDecimal stepBase() {
        return min != null ? min : BigDecimal.ZERO;
    }

    /** The longest a text answer, or a list_of_text entry, may be: {@code maxLength}, or the type's default. */
    int effectiveMaxLength() {
        if (maxLength != null) {
            return maxLength;
        }
        return switch (type) {
            case LONG_TEXT -> MAX_LONG_TEXT_LENGTH;
            case LIST_OF_TEXT -> MAX_LIST_ITEM_LENGTH;
            default -> MAX_TEXT_LENGTH;
        };
    }

    int effectiveMinLength() {
        return minLength != null ? minLength : 0;
    }

    int effectiveMaxItems() {
        return maxItems != null ? maxItems : MAX_LIST_ITEMS;
    }

    int effectiveMinItems() {
        return minItems != null ? minItems : 0;
    }

    /** The values of the well-formed options, in order; empty when there are none. */
    List<String> optionValues() {
        if (options == null) {
            return List.of();
        }
        return options.stream().filter(o -> o != null && o.value() != null).map(Option::value).toList();
    }
}
