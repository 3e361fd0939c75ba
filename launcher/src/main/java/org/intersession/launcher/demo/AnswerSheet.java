package org.intersession.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plausible answers to a template's field schema (as the API returns it), so demo entries pass validation. Ratings
 * follow {@code distress}; an answer stays below its field's alert rule unless that field is asked to cross it.
 */
public final class AnswerSheet {

    private static final Map<String, String> TEXT = Map.of(
            "situation", "Team meeting, asked to present at short notice",
            "automatic_thought", "Everyone will see that I do not know what I am doing.",
            "emotion", "anxious",
            "activity", "Walk in the park with a friend",
            "balanced_thought", "I was prepared for most of it, and nobody expects perfection.",
            "note", "Harder at the start, easier after ten minutes.");

    private AnswerSheet() {
    }

    /**
     * @param fields        the schema's {@code fields} array
     * @param distress      0 (calm) to 1 (as bad as it gets)
     * @param crossAlertsOf the key of a field whose alert rule the answer should meet, or null for none
     */
    public static Map<String, Object> answers(JsonNode fields, double distress, String crossAlertsOf) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (JsonNode field : fields) {
            String key = field.path("key").asText();
            JsonNode alert = field.path("alert");
            if (key.equals(crossAlertsOf) && alert.has("value")) {
                answers.put(key, alert.get("value").numberValue());
                continue;
            }
            Object value = answer(field, distress);
            if (value != null) {
                answers.put(key, value);
            }
        }
        return answers;
    }

    private static Object answer(JsonNode field, double distress) {
        String key = field.path("key").asText();
        return switch (field.path("type").asText()) {
            case "text", "long_text" -> TEXT.getOrDefault(key, field.path("required").asBoolean() ? "As planned." : null);
            case "scale", "integer", "duration_minutes", "decimal" -> number(field, distress);
            case "boolean" -> true;
            case "single_choice" -> field.path("options").path(0).path("value").asText();
            case "multi_choice" -> {
                List<String> chosen = new ArrayList<>();
                field.path("options").forEach(o -> {
                    if (chosen.size() < 2) {
                        chosen.add(o.path("value").asText());
                    }
                });
                yield chosen;
            }
            case "time" -> key.contains("wake") ? "07:10" : "23:20";
            case "date" -> null;
            case "list_of_text" -> List.of("Went for a walk");
            default -> null;
        };
    }

    /** Within [min, max], on a whole number, and below an at_least alert (above an at_most one). */
    private static Object number(JsonNode field, double distress) {
        double min = field.path("min").asDouble(0);
        double max = field.has("max") ? field.get("max").asDouble() : min + 10;
        String type = field.path("type").asText();
        double wanted = type.equals("duration_minutes") ? Math.max(min, Math.min(max, 10 + 20 * (1 - distress)))
                : min + (max - min) * distress * 0.7;
        long value = Math.round(wanted);
        JsonNode alert = field.path("alert");
        if (alert.has("value")) {
            BigDecimal threshold = alert.get("value").decimalValue();
            String operator = alert.path("operator").asText();
            if (operator.equals("at_least") && value >= threshold.doubleValue()) {
                value = threshold.longValue() - 1;
            } else if (operator.equals("at_most") && value <= threshold.doubleValue()) {
                value = threshold.longValue() + 1;
            }
        }
        return Math.max((long) Math.ceil(min), Math.min((long) Math.floor(max), value));
    }
}
