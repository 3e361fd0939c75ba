package org.intersession.platform.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which alert rules an entry triggers, in field order. Meant for answers that passed {@link AnswerValidator}: an
 * unanswered field triggers nothing, and an answer of a type its rule cannot compare triggers nothing rather than
 * throwing. Numbers are compared by value ({@code at_least 4} is met by 4, 4.0 and 5); {@code equals} compares a
 * boolean or option value exactly; {@code any_of} is met when the option chosen, or any of those chosen, is listed.
 */
public final class AlertEvaluator {

    private AlertEvaluator() {
    }

    /** The alerts {@code validAnswers} trigger, in the schema's field order; empty when none. */
    public static List<TriggeredAlert> triggered(FieldSchema schema, Map<String, Object> validAnswers) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(validAnswers, "validAnswers");
        if (schema.fields() == null) {
            return List.of();
        }
        List<TriggeredAlert> triggered = new ArrayList<>();
        for (Field field : schema.fields()) {
            if (field == null || field.key() == null || field.alert() == null || field.alert().operator() == null) {
                continue;
            }
            Object answer = validAnswers.get(field.key());
            if (answer != null && isMet(field.alert(), answer)) {
                triggered.add(new TriggeredAlert(field.key(), field.label(), answer, field.alert(), field.alert().message()));
            }
        }
        return List.copyOf(triggered);
    }

    private static boolean isMet(AlertRule rule, Object answer) {
        BigDecimal number = Values.number(answer);
        BigDecimal threshold = Values.number(rule.value());
        boolean numbers = number != null && threshold != null;
        return switch (rule.operator()) {
            case AT_LEAST -> numbers && number.compareTo(threshold) >= 0;
            case AT_MOST -> numbers && number.compareTo(threshold) <= 0;
            case EQUALS -> numbers ? number.compareTo(threshold) == 0 : number == null && answer.equals(rule.value());
            case ANY_OF -> rule.values() != null && (answer instanceof List<?> chosen
                    ? chosen.stream().anyMatch(rule.values()::contains)
                    : rule.values().contains(answer));
        };
    }
}
