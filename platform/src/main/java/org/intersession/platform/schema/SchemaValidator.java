package org.intersession.platform.schema;

import org.intersession.platform.problem.Problem.FieldError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.intersession.platform.schema.AlertOperator.ANY_OF;
import static org.intersession.platform.schema.AlertOperator.AT_LEAST;
import static org.intersession.platform.schema.AlertOperator.AT_MOST;
import static org.intersession.platform.schema.AlertOperator.EQUALS;
import static org.intersession.platform.schema.FieldType.BOOLEAN;
import static org.intersession.platform.schema.FieldType.DURATION_MINUTES;
import static org.intersession.platform.schema.FieldType.LIST_OF_TEXT;
import static org.intersession.platform.schema.FieldType.LONG_TEXT;
import static org.intersession.platform.schema.FieldType.MULTI_CHOICE;
import static org.intersession.platform.schema.FieldType.SCALE;
import static org.intersession.platform.schema.FieldType.SINGLE_CHOICE;
import static org.intersession.platform.schema.FieldType.TEXT;

/**
 * Checks a {@link FieldSchema} as a therapist wrote it, against the rules documented on {@link Field}. Every problem is
 * reported, in field order, with a path such as {@code fields[2].options[0].value}; an empty list means valid. A
 * malformed schema (absent lists, null elements, numbers of any size) gives errors, never an exception; only a null
 * schema is refused with a NullPointerException.
 */
public final class SchemaValidator {

    private static final Map<FieldType, Set<AlertOperator>> OPERATORS = operators();

    /** The properties only some types take, checked in this order. */
    private static final List<TypeSpecific> TYPE_SPECIFIC = List.of(
            new TypeSpecific("min", Field::min, FieldType.NUMERIC),
            new TypeSpecific("max", Field::max, FieldType.NUMERIC),
            new TypeSpecific("step", Field::step, FieldType.NUMERIC),
            new TypeSpecific("minLength", Field::minLength, EnumSet.of(TEXT, LONG_TEXT)),
            new TypeSpecific("maxLength", Field::maxLength, EnumSet.of(TEXT, LONG_TEXT, LIST_OF_TEXT)),
            new TypeSpecific("minItems", Field::minItems, EnumSet.of(LIST_OF_TEXT)),
            new TypeSpecific("maxItems", Field::maxItems, EnumSet.of(LIST_OF_TEXT)),
            new TypeSpecific("anchors", Field::anchors, EnumSet.of(SCALE)),
            new TypeSpecific("options", Field::options, EnumSet.of(SINGLE_CHOICE, MULTI_CHOICE)),
            new TypeSpecific("alert", Field::alert, OPERATORS.keySet()));

    private static final String MAGNITUDE =
            "must be from " + Field.MAX_MAGNITUDE.negate() + " to " + Field.MAX_MAGNITUDE;
    private static final String NOT_AN_OPTION = "must be the value of one of the field's options";

    private final List<FieldError> errors = new ArrayList<>();

    private SchemaValidator() {
    }

    /** The problems of {@code schema}; empty when it is valid. */
    public static List<FieldError> validate(FieldSchema schema) {
        Objects.requireNonNull(schema, "schema");
        SchemaValidator validator = new SchemaValidator();
        validator.checkSchema(schema);
        return List.copyOf(validator.errors);
    }

    private void checkSchema(FieldSchema schema) {
        List<Field> fields = schema.fields();
        if (fields == null || fields.isEmpty()) {
            error("fields", "must have at least one field");
            return;
        }
        if (fields.size() > FieldSchema.MAX_FIELDS) {
            error("fields", "must have at most " + FieldSchema.MAX_FIELDS + " fields");
            return;
        }
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String path = "fields[" + i + "]";
            Field field = fields.get(i);
            if (field == null) {
                error(path, "must not be null");
                continue;
            }
            checkKey(field.key(), path + ".key", i, keys);
            checkField(field, path);
        }
    }

    private void checkKey(String key, String path, int index, Map<String, Integer> keys) {
        if (key == null || key.isEmpty()) {
            error(path, "is required");
        } else if (!Field.KEY.matcher(key).matches()) {
            error(path, "must start with a letter a-z and hold only a-z, 0-9 and _, at most 40 characters");
        } else {
            Integer first = keys.putIfAbsent(key, index);
            if (first != null) {
                error(path, "is already the key of fields[" + first + "]");
            }
        }
    }

    private void checkField(Field field, String path) {
        checkText(field.label(), path + ".label", Field.MAX_LABEL_LENGTH, true, false);
        checkText(field.help(), path + ".help", Field.MAX_HELP_LENGTH, false, true);
        FieldType type = field.type();
        if (type == null) {
            error(path + ".type", "is required");
            return;
        }
        for (TypeSpecific property : TYPE_SPECIFIC) {
            if (property.value().apply(field) != null && !property.types().contains(type)) {
                error(path + "." + property.name(), "applies only to " + typeNames(property.types()) + " fields");
            }
        }
        switch (type) {
            case INTEGER, DECIMAL, SCALE, DURATION_MINUTES -> checkNumbers(field, path);
            case TEXT, LONG_TEXT -> checkLengths(field, path);
            case LIST_OF_TEXT -> {
                checkLengths(field, path);
                checkItemCounts(field, path);
            }
            case SINGLE_CHOICE, MULTI_CHOICE -> checkOptions(field.options(), path + ".options");
            default -> {
            }
        }
        if (field.alert() != null && OPERATORS.containsKey(type)) {
            checkAlert(field, path + ".alert");
        }
    }

    private void checkNumbers(Field field, String path) {
        FieldType type = field.type();
        boolean whole = type.isWholeNumber();
        boolean minOk = checkNumber(field.min(), path + ".min", whole);
        boolean maxOk = checkNumber(field.max(), path + ".max", whole);
        boolean stepOk = checkNumber(field.step(), path + ".step", whole);
        if (stepOk && field.step() != null && field.step().signum() <= 0) {
            error(path + ".step", "must be greater than 0");
            stepOk = false;
        }
        if (type == DURATION_MINUTES) {
            minOk = minOk && checkDuration(field.min(), path + ".min");
            maxOk = maxOk && checkDuration(field.max(), path + ".max");
        }
        if (type == SCALE && field.min() == null) {
            error(path + ".min", "is required for a scale");
            minOk = false;
        }
        if (type == SCALE && field.max() == null) {
            error(path + ".max", "is required for a scale");
            maxOk = false;
        }
        boolean boundsOk = minOk && maxOk && checkBoundsAgree(field, path, stepOk);
        if (type == SCALE && field.anchors() != null) {
            checkAnchors(field, path + ".anchors", boundsOk, stepOk);
        }
    }

    /** Min against max, both already checked on their own. */
    private boolean checkBoundsAgree(Field field, String path, boolean stepOk) {
        BigDecimal lower = field.lowerBound();
        BigDecimal upper = field.upperBound();
        if (field.type() == SCALE) {
            BigDecimal span = upper.subtract(lower);
            if (span.signum() <= 0) {
                error(path + ".max", "must be greater than min");
                return false;
            }
            if (span.compareTo(BigDecimal.valueOf(Field.MAX_SCALE_SPAN)) > 0) {
                error(path + ".max", "must be at most " + Field.MAX_SCALE_SPAN + " more than min");
                return false;
            }
            // A slider from min in steps must land on max, or the top of the scale cannot be answered.
            if (stepOk && field.step() != null && span.remainder(field.step()).signum() != 0) {
                error(path + ".step", "must divide max - min evenly");
            }
            return true;
        }
        if (lower.compareTo(upper) > 0) {
            if (field.max() != null) {
                error(path + ".max", "must not be less than min");
            } else {
                error(path + ".min", "must not be more than the default max of " + Values.show(upper));
            }
            return false;
        }
        return true;
    }

    private boolean checkDuration(BigDecimal minutes, String path) {
        if (minutes != null && (minutes.signum() < 0 || minutes.compareTo(BigDecimal.valueOf(Field.MAX_DURATION_MINUTES)) > 0)) {
            error(path, "must be from 0 to " + Field.MAX_DURATION_MINUTES);
            return false;
        }
        return true;
    }

    private void checkAnchors(Field field, String path, boolean boundsOk, boolean stepOk) {
        List<Anchor> anchors = field.anchors();
        if (anchors.size() > Field.MAX_ANCHORS) {
            error(path, "must have at most " + Field.MAX_ANCHORS + " anchors");
            return;
        }
        // Ordered by compareTo, so 5 and 5.0 are the same point.
        Map<BigDecimal, Integer> points = new TreeMap<>();
        for (int j = 0; j < anchors.size(); j++) {
            String anchorPath = path + "[" + j + "]";
            Anchor anchor = anchors.get(j);
            if (anchor == null) {
                error(anchorPath, "must not be null");
                continue;
            }
            BigDecimal value = anchor.value();
            String valuePath = anchorPath + ".value";
            if (value == null) {
                error(valuePath, "is required");
            } else if (checkNumber(value, valuePath, true)) {
                if (boundsOk && (value.compareTo(field.min()) < 0 || value.compareTo(field.max()) > 0)) {
                    error(valuePath, "must be from " + Values.show(field.min()) + " to " + Values.show(field.max()));
                } else if (boundsOk && stepOk && field.step() != null && !Values.isOnStep(value, field.min(), field.step())) {
                    error(valuePath, "must be min plus a multiple of step");
                } else {
                    Integer first = points.putIfAbsent(value, j);
                    if (first != null) {
                        error(valuePath, "is already the value of anchors[" + first + "]");
                    }
                }
            }
            checkText(anchor.label(), anchorPath + ".label", Field.MAX_LABEL_LENGTH, true, false);
        }
    }

    private void checkLengths(Field field, String path) {
        int ceiling = switch (field.type()) {
            case TEXT -> Field.MAX_TEXT_LENGTH;
            case LONG_TEXT -> Field.MAX_LONG_TEXT_LENGTH;
            default -> Field.MAX_LIST_ITEM_LENGTH;
        };
        boolean maxOk = checkCount(field.maxLength(), path + ".maxLength", 1, ceiling);
        if (field.type() != LIST_OF_TEXT && checkCount(field.minLength(), path + ".minLength", 0, ceiling)
                && maxOk && field.effectiveMinLength() > field.effectiveMaxLength()) {
            error(path + ".minLength", "must not be more than maxLength");
        }
    }

    private void checkItemCounts(Field field, String path) {
        boolean maxOk = checkCount(field.maxItems(), path + ".maxItems", 1, Field.MAX_LIST_ITEMS);
        if (checkCount(field.minItems(), path + ".minItems", 0, Field.MAX_LIST_ITEMS)
                && maxOk && field.effectiveMinItems() > field.effectiveMaxItems()) {
            error(path + ".minItems", "must not be more than maxItems");
        }
    }

    private boolean checkCount(Integer count, String path, int low, int high) {
        if (count != null && (count < low || count > high)) {
            error(path, "must be from " + low + " to " + high);
            return false;
        }
        return true;
    }

    private void checkOptions(List<Option> options, String path) {
        if (options == null || options.isEmpty()) {
            error(path, "must have at least one option");
            return;
        }
        if (options.size() > Field.MAX_OPTIONS) {
            error(path, "must have at most " + Field.MAX_OPTIONS + " options");
            return;
        }
        Map<String, Integer> values = new HashMap<>();
        for (int j = 0; j < options.size(); j++) {
            String optionPath = path + "[" + j + "]";
            Option option = options.get(j);
            if (option == null) {
                error(optionPath, "must not be null");
                continue;
            }
            String value = option.value();
            if (value == null || value.isEmpty()) {
                error(optionPath + ".value", "is required");
            } else if (!Option.VALUE.matcher(value).matches()) {
                error(optionPath + ".value", "must be 1 to 40 characters of a-z, 0-9 and _");
            } else {
                Integer first = values.putIfAbsent(value, j);
                if (first != null) {
                    error(optionPath + ".value", "is already the value of options[" + first + "]");
                }
            }
            checkText(option.label(), optionPath + ".label", Field.MAX_LABEL_LENGTH, true, false);
        }
    }

    private void checkAlert(Field field, String path) {
        AlertRule rule = field.alert();
        AlertOperator operator = rule.operator();
        Set<AlertOperator> allowed = OPERATORS.get(field.type());
        if (operator == null) {
            error(path + ".operator", "is required");
        } else if (!allowed.contains(operator)) {
            error(path + ".operator", "must be " + joined(allowed.stream().map(AlertOperator::jsonName).toList(), "or")
                    + " for " + field.type().jsonName() + " fields");
        } else if (operator == ANY_OF) {
            if (rule.value() != null) {
                error(path + ".value", "does not apply to any_of, which takes values");
            }
            checkAlertValues(field, rule.values(), path + ".values");
        } else {
            if (rule.values() != null) {
                error(path + ".values", "applies only to any_of");
            }
            checkAlertValue(field, rule.value(), path + ".value");
        }
        checkText(rule.message(), path + ".message", AlertRule.MAX_MESSAGE_LENGTH, false, false);
    }

    private void checkAlertValue(Field field, Object value, String path) {
        if (value == null) {
            error(path, "is required");
            return;
        }
        switch (field.type()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    error(path, "must be true or false");
                }
            }
            case SINGLE_CHOICE -> {
                if (!(value instanceof String option && field.optionValues().contains(option))) {
                    error(path, NOT_AN_OPTION);
                }
            }
            default -> {
                BigDecimal number = Values.number(value);
                if (number == null) {
                    error(path, "must be a number");
                } else if (checkNumber(number, path, field.type().isWholeNumber())) {
                    BigDecimal lower = field.lowerBound();
                    BigDecimal upper = field.upperBound();
                    if (Values.isSmall(lower) && Values.isSmall(upper)
                            && (number.compareTo(lower) < 0 || number.compareTo(upper) > 0)) {
                        error(path, "must be from " + Values.show(lower) + " to " + Values.show(upper));
                    }
                }
            }
        }
    }

    private void checkAlertValues(Field field, List<String> values, String path) {
        if (values == null || values.isEmpty()) {
            error(path, "must list at least one option value");
            return;
        }
        if (values.size() > Field.MAX_OPTIONS) {
            error(path, "must have at most " + Field.MAX_OPTIONS + " values");
            return;
        }
        List<String> options = field.optionValues();
        Set<Object> seen = new HashSet<>();
        // Read as Object: a list built outside Jackson may hold anything.
        List<?> items = values;
        for (int j = 0; j < items.size(); j++) {
            Object value = items.get(j);
            if (!(value instanceof String option && options.contains(option))) {
                error(path + "[" + j + "]", NOT_AN_OPTION);
            } else if (!seen.add(option)) {
                error(path + "[" + j + "]", "is listed more than once");
            }
        }
    }

    /** A bound, step or anchor on its own: small enough, whole where the type wants it. Null is fine. */
    private boolean checkNumber(BigDecimal number, String path, boolean whole) {
        if (number == null) {
            return true;
        }
        if (number.abs().compareTo(Field.MAX_MAGNITUDE) > 0) {
            error(path, MAGNITUDE);
            return false;
        }
        if (whole && !Values.isWhole(number)) {
            error(path, "must be a whole number");
            return false;
        }
        if (Values.decimalPlaces(number) > Field.MAX_DECIMAL_PLACES) {
            error(path, "must have at most " + Field.MAX_DECIMAL_PLACES + " decimal places");
            return false;
        }
        return true;
    }

    /** Labels and messages are one line; help may have line breaks. Blank optional text counts as absent. */
    private void checkText(String text, String path, int maxLength, boolean required, boolean lineBreaks) {
        if (text == null || text.isBlank()) {
            if (required) {
                error(path, "is required");
            }
        } else if (text.length() > maxLength) {
            error(path, "must be at most " + maxLength + " characters");
        } else if (Values.hasControlCharacters(text, lineBreaks)) {
            error(path, lineBreaks ? "must not contain control characters" : "must be one line without control characters");
        }
    }

    private void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    private static String typeNames(Set<FieldType> types) {
        return joined(EnumSet.copyOf(types).stream().map(FieldType::jsonName).toList(), "and");
    }

    /** "a, b and c" */
    private static String joined(List<String> names, String conjunction) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " " + conjunction + " " + names.get(names.size() - 1);
    }

    private static Map<FieldType, Set<AlertOperator>> operators() {
        Map<FieldType, Set<AlertOperator>> operators = new EnumMap<>(FieldType.class);
        for (FieldType type : FieldType.NUMERIC) {
            operators.put(type, EnumSet.of(AT_LEAST, AT_MOST, EQUALS));
        }
        operators.put(BOOLEAN, EnumSet.of(EQUALS));
        operators.put(SINGLE_CHOICE, EnumSet.of(EQUALS, ANY_OF));
        operators.put(MULTI_CHOICE, EnumSet.of(ANY_OF));
        return operators;
    }

    private record TypeSpecific(String name, Function<Field, Object> value, Set<FieldType> types) {
    }
}
