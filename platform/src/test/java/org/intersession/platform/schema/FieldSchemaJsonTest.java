package org.intersession.platform.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.intersession.platform.schema.SchemaJson.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FieldSchemaJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void schemaSurvivesAJsonRoundTrip() throws Exception {
        List<Option> options = List.of(new Option("breathing", "Breathing"), new Option("body_scan", "Body scan"));
        FieldSchema schema = new FieldSchema(List.of(
                new Field("situation", "Situation", FieldType.TEXT, true, "Where were you?", null, null, null,
                        1, 500, null, null, null, null, null),
                new Field("intensity", "Intensity", FieldType.SCALE, true, null, BigDecimal.ZERO, new BigDecimal("100"),
                        new BigDecimal("5"), null, null, null, null,
                        List.of(new Anchor(BigDecimal.ZERO, "Not at all"), new Anchor(new BigDecimal("100"), "Extreme")),
                        null, new AlertRule(AlertOperator.AT_LEAST, 90, null, "Very intense")),
                new Field("hours", "Hours slept", FieldType.DECIMAL, false, null, new BigDecimal("0.5"), new BigDecimal("24"),
                        new BigDecimal("0.25"), null, null, null, null, null, null,
                        new AlertRule(AlertOperator.AT_MOST, 3.5, null, null)),
                new Field("practice", "Practice", FieldType.SINGLE_CHOICE, false, null, null, null, null,
                        null, null, null, null, null, options, new AlertRule(AlertOperator.ANY_OF, null, List.of("body_scan"), null)),
                new Field("done", "Done", FieldType.BOOLEAN, true, null, null, null, null,
                        null, null, null, null, null, null, new AlertRule(AlertOperator.EQUALS, false, null, null)),
                new Field("worries", "Worries", FieldType.LIST_OF_TEXT, false, null, null, null, null,
                        null, 200, 1, 10, null, null, null)));

        String json = mapper.writeValueAsString(schema);

        assertEquals(schema, mapper.readValue(json, FieldSchema.class));
        assertEquals(List.of(), SchemaValidator.validate(schema));
    }

    @Test
    void everyTypeAndOperatorHasItsLowerCaseJsonName() throws Exception {
        List<String> types = List.of("text", "long_text", "integer", "decimal", "scale", "boolean", "single_choice",
                "multi_choice", "date", "time", "duration_minutes", "list_of_text");
        List<String> operators = List.of("at_least", "at_most", "equals", "any_of");

        assertEquals(types, Arrays.stream(FieldType.values()).map(this::json).toList());
        assertEquals(operators, Arrays.stream(AlertOperator.values()).map(this::json).toList());
        for (FieldType type : FieldType.values()) {
            assertEquals(type, mapper.readValue("\"" + type.jsonName() + "\"", FieldType.class));
        }
        assertThrows(Exception.class, () -> mapper.readValue("\"LONG_TEXT\"", FieldType.class));
    }

    @Test
    void absentPropertiesAreLeftOutOfTheJson() throws Exception {
        Field field = new Field("done", "Done", FieldType.BOOLEAN, false, null, null, null, null,
                null, null, null, null, null, null, null);

        assertEquals("{\"key\":\"done\",\"label\":\"Done\",\"type\":\"boolean\",\"required\":false}",
                mapper.writeValueAsString(field));
    }

    @Test
    void theFieldExampleInTheDocumentationIsValid() {
        FieldSchema schema = schema("""
                {"key": "intensity", "label": "How strong was the feeling?", "type": "scale", "required": true,
                 "help": "Rate it as it was at its strongest.", "min": 0, "max": 100, "step": 5,
                 "anchors": [{"value": 0, "label": "Not at all"}, {"value": 100, "label": "As strong as I can imagine"}],
                 "alert": {"operator": "at_least", "value": 90, "message": "Very strong feeling"}}""");

        assertEquals(List.of(), SchemaValidator.validate(schema));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value).replace("\"", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
