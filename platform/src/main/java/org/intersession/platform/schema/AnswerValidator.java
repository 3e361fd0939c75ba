package org.intersession.platform.schema;

import org.intersession.platform.problem.Problem.FieldError;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a client's answers against the schema pinned on the assignment. Answers are what Jackson makes of a JSON
 * object: String, Boolean, List, Map, and numbers as Integer, Long, BigInteger, Double or BigDecimal, whichever the
 * mapper produces; the services' mapper reads every fraction exactly, as BigDecimal, so nothing is rounded on the way
 * in (1e-400 is not 0, 2.9999999999999999999 is not 3). A whole-number field (integer, scale, duration) takes an
 * integer as JSON writes it: 5, not 5.0, 5e0 or "5", so that no rating is ever rounded or truncated into place;
 * other checks judge numbers by value, whatever their class. A null is no answer, and so are
 * blank text for text and long_text and an empty list for multi_choice and list_of_text; a required field needs an
 * answer. Problems are reported for each field in schema order, at {@code answers.<key>} or, for one entry of a list,
 * {@code answers.<key>[i]}, then for keys the schema does not have. Badly shaped answers give errors, never an
 * exception; a null schema or answers map is refused with a NullPointerException. The schema is expected to have
 * passed {@link SchemaValidator}; for one that did not, checks that cannot be made are skipped.
 */
public final class AnswerValidator {

    /** Unknown keys named one by one; any more are counted in one error at {@code answers}. */
    public static final int MAX_UNKNOWN_KEYS_REPORTED = 10;

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern TIME = Pattern.compile("[0-9]{2}:[0-9]{2}");
    private static final String NOT_AN_OPTION = "must be the value of one of the field's options";
    private static final String CONTROL_CHARACTERS = "must not contain control characters";

    private final List<FieldError> errors = new ArrayList<>();

    private AnswerValidator() {
    }

    /** The problems of {@code answers} for {@code schema}; empty when they can be accepted. */
    public static List<FieldError> validate(FieldSchema schema, Map<String, Object> answers) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(answers, "answers");
        AnswerValidator validator = new AnswerValidator();
        Set<String> keys = new HashSet<>();
        if (schema.fields() != null) {
            for (Field field : schema.fields()) {
                if (field != null && field.key() != null && keys.add(field.key()) && field.type() != null) {
                    validator.checkAnswer(field, answers.get(field.key()), "answers." + field.key());
                }
            }
        }
        validator.checkUnknownKeys(answers.keySet(), keys);
        return List.copyOf(validator.errors);
    }

    private void checkAnswer(Field field, Object value, String path) {
        if (isUnanswered(field.type(), value)) {
            if (field.required()) {
                error(path, "is required");
            }
            return;
        }
        switch (field.type()) {
            case TEXT, LONG_TEXT -> checkText(field, value, path);
            case INTEGER, DECIMAL, SCALE, DURATION_MINUTES -> checkNumber(field, value, path);
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
            case MULTI_CHOICE -> checkChoices(field, value, path);
            case DATE -> {
                if (!isDate(value)) {
                    error(path, "must be a date as yyyy-MM-dd");
                }
            }
            case TIME -> {
                if (!isTime(value)) {
                    error(path, "must be a time of day as HH:mm, from 00:00 to 23:59");
                }
            }
            case LIST_OF_TEXT -> checkEntries(field, value, path);
        }
    }

    private static boolean isUnanswered(FieldType type, Object value) {
        return switch (type) {
            case TEXT, LONG_TEXT -> value == null || value instanceof String text && text.isBlank();
            case MULTI_CHOICE, LIST_OF_TEXT -> value == null || value instanceof List<?> list && list.isEmpty();
            default -> value == null;
        };
    }

    private void checkText(Field field, Object value, String path) {
        if (!(value instanceof String text)) {
            error(path, "must be text");
        } else if (text.length() > field.effectiveMaxLength()) {
            error(path, "must be at most " + field.effectiveMaxLength() + " characters");
        } else if (text.length() < field.effectiveMinLength()) {
            error(path, "must be at least " + field.effectiveMinLength() + " characters");
        } else if (Values.hasControlCharacters(text, true)) {
            error(path, CONTROL_CHARACTERS);
        }
    }

    private void checkNumber(Field field, Object value, String path) {
        boolean whole = field.type().isWholeNumber();
        BigDecimal number = Values.number(value);
        if (number == null) {
            error(path, whole ? "must be a whole number" : "must be a number");
            return;
        }
        // Range first: comparing is cheap for any number, and it bounds the size of what is checked next.
        BigDecimal lower = field.lowerBound();
        BigDecimal upper = field.upperBound();
        if (number.compareTo(lower) < 0 || number.compareTo(upper) > 0) {
            error(path, "must be from " + Values.show(lower) + " to " + Values.show(upper));
        } else if (whole && !Values.isInteger(value)) {
            error(path, "must be a whole number");
        } else if (Values.decimalPlaces(number) > Field.MAX_DECIMAL_PLACES) {
            error(path, "must have at most " + Field.MAX_DECIMAL_PLACES + " decimal places");
        } else if (field.step() != null && !Values.isOnStep(number, field.stepBase(), field.step())) {
            error(path, "must be in steps of " + Values.show(field.step()) + " from " + Values.show(field.stepBase()));
        }
    }

    private void checkChoices(Field field, Object value, String path) {
        if (!(value instanceof List<?> chosen)) {
            error(path, "must be a list of option values");
            return;
        }
        Set<String> options = new HashSet<>(field.optionValues());
        if (chosen.size() > options.size()) {
            error(path, "must choose at most " + options.size() + " options, each once");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < chosen.size(); i++) {
            if (!(chosen.get(i) instanceof String option && options.contains(option))) {
                error(path + "[" + i + "]", NOT_AN_OPTION);
            } else if (!seen.add(option)) {
                error(path + "[" + i + "]", "is already chosen earlier in the list");
            }
        }
    }

    private void checkEntries(Field field, Object value, String path) {
        if (!(value instanceof List<?> entries)) {
            error(path, "must be a list of texts");
            return;
        }
        if (entries.size() > field.effectiveMaxItems()) {
            error(path, "must have at most " + field.effectiveMaxItems() + " entries");
            return;
        }
        if (entries.size() < field.effectiveMinItems()) {
            error(path, "must have at least " + field.effectiveMinItems() + " entries");
        }
        for (int i = 0; i < entries.size(); i++) {
            String entryPath = path + "[" + i + "]";
            if (!(entries.get(i) instanceof String text)) {
                error(entryPath, "must be text");
            } else if (text.isBlank()) {
                error(entryPath, "must not be blank");
            } else if (text.length() > field.effectiveMaxLength()) {
                error(entryPath, "must be at most " + field.effectiveMaxLength() + " characters");
            } else if (Values.hasControlCharacters(text, true)) {
                error(entryPath, CONTROL_CHARACTERS);
            }
        }
    }

    private void checkUnknownKeys(Set<?> answered, Set<String> known) {
        List<String> named = new ArrayList<>();
        int unnamed = 0;
        for (Object key : answered) {
            if (key instanceof String name && known.contains(name)) {
                continue;
            }
            // Only a key shaped like a field key is echoed in a path, so junk never reaches a response.
            if (key instanceof String name && Field.KEY.matcher(name).matches()) {
                named.add(name);
            } else {
                unnamed++;
            }
        }
        Collections.sort(named);
        int reported = Math.min(named.size(), MAX_UNKNOWN_KEYS_REPORTED);
        for (String name : named.subList(0, reported)) {
            error("answers." + name, "is not a field of this homework");
        }
        int rest = named.size() - reported + unnamed;
        if (rest > 0) {
            error("answers", "has " + rest + (reported > 0 ? " more" : "")
                    + (rest == 1 ? " key that is not a field" : " keys that are not fields") + " of this homework");
        }
    }

    private static boolean isDate(Object value) {
        if (!(value instanceof String text) || !DATE.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isTime(Object value) {
        if (!(value instanceof String text) || !TIME.matcher(text).matches()) {
            return false;
        }
        try {
            LocalTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }
}
