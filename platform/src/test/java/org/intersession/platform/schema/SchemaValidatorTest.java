package org.intersession.platform.schema;

import org.intersession.platform.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.intersession.platform.schema.SchemaJson.paths;
import static org.intersession.platform.schema.SchemaJson.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SchemaValidatorTest {

    private static final String CHOICES = """
            "options":[{"value":"sad","label":"Sad"},{"value":"angry","label":"Angry"},{"value":"afraid","label":"Afraid"}]""";

    @Test
    void schemaUsingEveryTypeAndPropertyIsValid() {
        FieldSchema schema = schema(
                """
                {"key":"situation","label":"Situation","type":"text","required":true,"help":"Where were you?\\nWho with?",
                 "minLength":1,"maxLength":500}""",
                """
                {"key":"notes","label":"Notes","type":"long_text","maxLength":10000}""",
                """
                {"key":"wakings","label":"Night wakings","type":"integer","min":0,"max":20,
                 "alert":{"operator":"at_least","value":20}}""",
                """
                {"key":"hours","label":"Hours slept","type":"decimal","min":0,"max":24,"step":0.25,
                 "alert":{"operator":"at_most","value":3.5,"message":"Very little sleep"}}""",
                """
                {"key":"intensity","label":"Intensity","type":"scale","required":true,"min":0,"max":100,"step":10,
                 "anchors":[{"value":0,"label":"Not at all"},{"value":100,"label":"Extreme"}],
                 "alert":{"operator":"equals","value":100}}""",
                """
                {"key":"done","label":"Done","type":"boolean","alert":{"operator":"equals","value":false}}""",
                """
                {"key":"feeling","label":"Main feeling","type":"single_choice",%s,
                 "alert":{"operator":"any_of","values":["sad","afraid"]}}""".formatted(CHOICES),
                """
                {"key":"emotions","label":"Emotions","type":"multi_choice",%s,
                 "alert":{"operator":"any_of","values":["angry"]}}""".formatted(CHOICES),
                """
                {"key":"day","label":"Day","type":"date"}""",
                """
                {"key":"bedtime","label":"Bedtime","type":"time"}""",
                """
                {"key":"minutes","label":"Minutes","type":"duration_minutes","min":5,"max":10080,"step":5,
                 "alert":{"operator":"at_least","value":600}}""",
                """
                {"key":"worries","label":"Worries","type":"list_of_text","minItems":1,"maxItems":50,"maxLength":500}""");

        assertEquals(List.of(), SchemaValidator.validate(schema));
    }

    @Test
    void aSchemaNeedsOneToFiftyFields() {
        assertEquals(List.of(new FieldError("fields", "must have at least one field")), SchemaValidator.validate(schema()));
        assertEquals(List.of(new FieldError("fields", "must have at least one field")),
                SchemaValidator.validate(new FieldSchema(null)));

        String[] fifty = IntStream.range(0, 50).mapToObj(i -> field("f" + i, "boolean", "")).toArray(String[]::new);
        String[] fiftyOne = IntStream.range(0, 51).mapToObj(i -> field("f" + i, "boolean", "")).toArray(String[]::new);
        assertEquals(List.of(), SchemaValidator.validate(schema(fifty)));
        assertEquals(List.of(new FieldError("fields", "must have at most 50 fields")),
                SchemaValidator.validate(schema(fiftyOne)));
    }

    @Test
    void aNullFieldIsReportedAtItsIndex() {
        assertEquals(List.of(new FieldError("fields[1]", "must not be null")),
                SchemaValidator.validate(schema(field("a", "boolean", ""), "null")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Intensity", "1st", "_a", "a-b", "a b", "é", "a1234567890123456789012345678901234567890"})
    void malformedKeysAreRefused(String key) {
        assertEquals(List.of(new FieldError("fields[0].key",
                        "must start with a letter a-z and hold only a-z, 0-9 and _, at most 40 characters")),
                SchemaValidator.validate(schema(field(key, "boolean", ""))));
    }

    @Test
    void keysOfUpToFortyCharactersAreAccepted() {
        assertEquals(List.of(), SchemaValidator.validate(schema(field("a", "boolean", ""),
                field("a123456789012345678901234567890123456789", "boolean", ""), field("self_harm_urge_2", "boolean", ""))));
    }

    @Test
    void keyIsRequired() {
        assertEquals(List.of(new FieldError("fields[0].key", "is required"), new FieldError("fields[1].key", "is required")),
                SchemaValidator.validate(schema("""
                        {"label":"A","type":"boolean"}""", field("", "boolean", ""))));
    }

    @Test
    void keysAreUniqueWithinTheSchema() {
        assertEquals(List.of(new FieldError("fields[2].key", "is already the key of fields[0]")),
                SchemaValidator.validate(schema(field("mood", "boolean", ""), field("other", "boolean", ""),
                        field("mood", "text", ""))));
    }

    @Test
    void labelIsRequiredOneLineAndAtMost200Characters() {
        List<FieldError> errors = SchemaValidator.validate(schema(
                """
                {"key":"a","type":"boolean"}""",
                """
                {"key":"b","label":"  ","type":"boolean"}""",
                """
                {"key":"c","label":"%s","type":"boolean"}""".formatted("x".repeat(201)),
                """
                {"key":"d","label":"two\\nlines","type":"boolean"}""",
                """
                {"key":"e","label":"%s","type":"boolean"}""".formatted("x".repeat(200))));

        assertEquals(List.of(
                new FieldError("fields[0].label", "is required"),
                new FieldError("fields[1].label", "is required"),
                new FieldError("fields[2].label", "must be at most 200 characters"),
                new FieldError("fields[3].label", "must be one line without control characters")), errors);
    }

    @Test
    void helpIsOptionalMayBreakLinesAndIsAtMost1000Characters() {
        List<FieldError> errors = SchemaValidator.validate(schema(
                field("a", "boolean", ",\"help\":\"%s\"".formatted("x".repeat(1000))),
                field("b", "boolean", ",\"help\":\"first\\nsecond\\ttabbed\""),
                field("c", "boolean", ",\"help\":\"%s\"".formatted("x".repeat(1001))),
                field("d", "boolean", ",\"help\":\"bell\\u0007\"")));

        assertEquals(List.of(
                new FieldError("fields[2].help", "must be at most 1000 characters"),
                new FieldError("fields[3].help", "must not contain control characters")), errors);
    }

    @Test
    void typeIsRequired() {
        assertEquals(List.of(new FieldError("fields[0].type", "is required")),
                SchemaValidator.validate(schema("""
                        {"key":"a","label":"A","min":3}""")));
    }

    @Test
    void propertiesOfOtherTypesAreRefused() {
        List<FieldError> errors = SchemaValidator.validate(schema(
                field("a", "text", ",\"min\":1,\"max\":5,\"step\":1,\"maxItems\":3"),
                field("b", "integer", ",\"maxLength\":5,\"anchors\":[]," + CHOICES),
                field("c", "list_of_text", ",\"minLength\":2"),
                field("d", "date", ",\"alert\":{\"operator\":\"equals\",\"value\":\"2026-01-01\"}")));

        assertEquals(List.of(
                new FieldError("fields[0].min", "applies only to integer, decimal, scale and duration_minutes fields"),
                new FieldError("fields[0].max", "applies only to integer, decimal, scale and duration_minutes fields"),
                new FieldError("fields[0].step", "applies only to integer, decimal, scale and duration_minutes fields"),
                new FieldError("fields[0].maxItems", "applies only to list_of_text fields"),
                new FieldError("fields[1].maxLength", "applies only to text, long_text and list_of_text fields"),
                new FieldError("fields[1].anchors", "applies only to scale fields"),
                new FieldError("fields[1].options", "applies only to single_choice and multi_choice fields"),
                new FieldError("fields[2].minLength", "applies only to text and long_text fields"),
                new FieldError("fields[3].alert", "applies only to integer, decimal, scale, boolean, single_choice, "
                        + "multi_choice and duration_minutes fields")), errors);
    }

    @Test
    void minMustNotExceedMax() {
        assertEquals(List.of(new FieldError("fields[0].max", "must not be less than min")),
                SchemaValidator.validate(schema(field("a", "integer", ",\"min\":10,\"max\":5"))));
        assertEquals(List.of(new FieldError("fields[0].max", "must not be less than min")),
                SchemaValidator.validate(schema(field("a", "decimal", ",\"min\":0.5,\"max\":0.25"))));
        assertEquals(List.of(), SchemaValidator.validate(schema(field("a", "integer", ",\"min\":5,\"max\":5"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            integer          | "min":1.5                  | fields[0].min  | must be a whole number
            duration_minutes | "step":2.5                 | fields[0].step | must be a whole number
            scale            | "min":0,"max":10.5         | fields[0].max  | must be a whole number
            decimal          | "max":0.1234567            | fields[0].max  | must have at most 6 decimal places
            decimal          | "min":1e-999999999         | fields[0].min  | must have at most 6 decimal places
            integer          | "max":1000000001           | fields[0].max  | must be from -1000000000 to 1000000000
            decimal          | "min":-1e999999999         | fields[0].min  | must be from -1000000000 to 1000000000
            integer          | "step":0                   | fields[0].step | must be greater than 0
            decimal          | "step":-0.5                | fields[0].step | must be greater than 0
            duration_minutes | "min":-1                   | fields[0].min  | must be from 0 to 10080
            duration_minutes | "max":10081                | fields[0].max  | must be from 0 to 10080
            duration_minutes | "min":2000                 | fields[0].min  | must not be more than the default max of 1440
            scale            | "max":10                   | fields[0].min  | is required for a scale
            scale            | "min":0                    | fields[0].max  | is required for a scale
            scale            | "min":5,"max":5            | fields[0].max  | must be greater than min
            scale            | "min":0,"max":1001         | fields[0].max  | must be at most 1000 more than min
            scale            | "min":0,"max":100,"step":30 | fields[0].step | must divide max - min evenly
            """)
    void numericBoundsAndStepsAreChecked(String type, String properties, String path, String message) {
        assertEquals(List.of(new FieldError(path, message)),
                SchemaValidator.validate(schema(field("a", type, "," + properties))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            integer          | "min":-1000000000,"max":1000000000,"step":7
            decimal          | "min":-0.000001,"max":1e9,"step":0.000001
            decimal          | "min":2.50,"max":2.5
            scale            | "min":-500,"max":500,"step":250
            scale            | "min":1,"max":7
            duration_minutes | "min":2000,"max":3000
            duration_minutes | "max":10080
            """)
    void numericBoundsAtTheirLimitsAreAccepted(String type, String properties) {
        assertEquals(List.of(), SchemaValidator.validate(schema(field("a", type, "," + properties))));
    }

    @Test
    void hugeExponentsAreRefusedWithoutArithmetic() {
        FieldSchema schema = schema(field("a", "scale", ",\"min\":1e-999999999,\"max\":1e999999999,\"step\":1e-999999999"),
                field("b", "decimal", ",\"alert\":{\"operator\":\"at_least\",\"value\":1e999999999}"));

        List<FieldError> errors = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> SchemaValidator.validate(schema));

        assertEquals(List.of("fields[0].min", "fields[0].max", "fields[0].step", "fields[1].alert.value"), paths(errors));
    }

    @Test
    void anchorsLabelPointsOnTheScale() {
        String anchors = """
                ,"min":0,"max":100,"step":10,"anchors":[
                  {"value":0,"label":"Not at all"},
                  {"value":101,"label":"Too high"},
                  {"value":55,"label":"Between steps"},
                  {"value":0.0,"label":"Same as the first"},
                  {"value":2.5,"label":"Not whole"},
                  {"label":"No value"},
                  {"value":50},
                  null]""";

        assertEquals(List.of(
                new FieldError("fields[0].anchors[1].value", "must be from 0 to 100"),
                new FieldError("fields[0].anchors[2].value", "must be min plus a multiple of step"),
                new FieldError("fields[0].anchors[3].value", "is already the value of anchors[0]"),
                new FieldError("fields[0].anchors[4].value", "must be a whole number"),
                new FieldError("fields[0].anchors[5].value", "is required"),
                new FieldError("fields[0].anchors[6].label", "is required"),
                new FieldError("fields[0].anchors[7]", "must not be null")),
                SchemaValidator.validate(schema(field("a", "scale", anchors))));
    }

    @Test
    void aScaleHasAtMostElevenAnchors() {
        String eleven = IntStream.rangeClosed(0, 10).mapToObj(i -> "{\"value\":" + i + ",\"label\":\"p" + i + "\"}")
                .collect(Collectors.joining(","));

        assertEquals(List.of(), SchemaValidator.validate(schema(field("a", "scale",
                ",\"min\":0,\"max\":10,\"anchors\":[" + eleven + "]"))));
        assertEquals(List.of(new FieldError("fields[0].anchors", "must have at most 11 anchors")),
                SchemaValidator.validate(schema(field("a", "scale",
                        ",\"min\":0,\"max\":11,\"anchors\":[" + eleven + ",{\"value\":11,\"label\":\"p11\"}]"))));
    }

    @Test
    void textLengthLimitsAreWithinTheDefaults() {
        List<FieldError> errors = SchemaValidator.validate(schema(
                field("a", "text", ",\"maxLength\":2000"),
                field("b", "text", ",\"maxLength\":2001"),
                field("c", "long_text", ",\"maxLength\":10000,\"minLength\":10000"),
                field("d", "long_text", ",\"maxLength\":10001"),
                field("e", "text", ",\"maxLength\":0,\"minLength\":-1"),
                field("f", "text", ",\"maxLength\":10,\"minLength\":11"),
                field("g", "text", ",\"minLength\":2001")));

        assertEquals(List.of(
                new FieldError("fields[1].maxLength", "must be from 1 to 2000"),
                new FieldError("fields[3].maxLength", "must be from 1 to 10000"),
                new FieldError("fields[4].maxLength", "must be from 1 to 2000"),
                new FieldError("fields[4].minLength", "must be from 0 to 2000"),
                new FieldError("fields[5].minLength", "must not be more than maxLength"),
                new FieldError("fields[6].minLength", "must be from 0 to 2000")), errors);
    }

    @Test
    void listOfTextLimitsAreWithinTheDefaults() {
        List<FieldError> errors = SchemaValidator.validate(schema(
                field("a", "list_of_text", ",\"maxItems\":50,\"minItems\":50,\"maxLength\":500"),
                field("b", "list_of_text", ",\"maxItems\":51,\"maxLength\":501"),
                field("c", "list_of_text", ",\"maxItems\":3,\"minItems\":4"),
                field("d", "list_of_text", ",\"maxItems\":0,\"minItems\":-1")));

        assertEquals(List.of(
                new FieldError("fields[1].maxLength", "must be from 1 to 500"),
                new FieldError("fields[1].maxItems", "must be from 1 to 50"),
                new FieldError("fields[2].minItems", "must not be more than maxItems"),
                new FieldError("fields[3].maxItems", "must be from 1 to 50"),
                new FieldError("fields[3].minItems", "must be from 0 to 50")), errors);
    }

    @Test
    void choicesNeedOneToFiftyOptions() {
        String fifty = IntStream.range(0, 50).mapToObj(i -> "{\"value\":\"o" + i + "\",\"label\":\"O" + i + "\"}")
                .collect(Collectors.joining(","));

        List<FieldError> errors = SchemaValidator.validate(schema(
                field("a", "single_choice", ""),
                field("b", "multi_choice", ",\"options\":[]"),
                field("c", "single_choice", ",\"options\":[" + fifty + "]"),
                field("d", "multi_choice", ",\"options\":[" + fifty + ",{\"value\":\"o50\",\"label\":\"O50\"}]")));

        assertEquals(List.of(
                new FieldError("fields[0].options", "must have at least one option"),
                new FieldError("fields[1].options", "must have at least one option"),
                new FieldError("fields[3].options", "must have at most 50 options")), errors);
    }

    @Test
    void optionValuesAreWellFormedAndUniqueAndOptionsLabelled() {
        String options = """
                ,"options":[
                  {"value":"calm","label":"Calm"},
                  {"value":"Calm","label":"Capital"},
                  {"value":"calm","label":"Again"},
                  {"label":"No value"},
                  {"value":"%s","label":"Too long"},
                  {"value":"9_lives"},
                  null]""".formatted("x".repeat(41));

        assertEquals(List.of(
                new FieldError("fields[0].options[1].value", "must be 1 to 40 characters of a-z, 0-9 and _"),
                new FieldError("fields[0].options[2].value", "is already the value of options[0]"),
                new FieldError("fields[0].options[3].value", "is required"),
                new FieldError("fields[0].options[4].value", "must be 1 to 40 characters of a-z, 0-9 and _"),
                new FieldError("fields[0].options[5].label", "is required"),
                new FieldError("fields[0].options[6]", "must not be null")),
                SchemaValidator.validate(schema(field("a", "multi_choice", options))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            boolean       | at_least | true     | must be equals for boolean fields
            integer       | any_of   | 1        | must be at_least, at_most or equals for integer fields
            single_choice | at_most  | "sad"    | must be equals or any_of for single_choice fields
            multi_choice  | equals   | "sad"    | must be any_of for multi_choice fields
            """)
    void alertOperatorMustSuitTheFieldType(String type, String operator, String value, String message) {
        String properties = (type.endsWith("choice") ? "," + CHOICES : "")
                + ",\"alert\":{\"operator\":\"" + operator + "\",\"value\":" + value + "}";

        assertEquals(List.of(new FieldError("fields[0].alert.operator", message)),
                SchemaValidator.validate(schema(field("a", type, properties))));
    }

    @Test
    void alertOperatorIsRequired() {
        assertEquals(List.of(new FieldError("fields[0].alert.operator", "is required")),
                SchemaValidator.validate(schema(field("a", "integer", ",\"alert\":{\"value\":3}"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            scale | "min":0,"max":5 | "operator":"at_least","value":6 | value | must be from 0 to 5
            scale | "min":0,"max":5 | "operator":"at_most","value":-1 | value | must be from 0 to 5
            scale | "min":0,"max":5 | "operator":"at_least","value":"4" | value | must be a number
            scale | "min":0,"max":5 | "operator":"at_least","value":3.5 | value | must be a whole number
            scale | "min":0,"max":5 | "operator":"at_least" | value | is required
            scale | "min":0,"max":5 | "operator":"at_least","value":4,"values":["a"] | values | applies only to any_of
            duration_minutes | "step":5 | "operator":"at_least","value":1441 | value | must be from 0 to 1440
            decimal | "max":2 | "operator":"at_most","value":0.1234567 | value | must have at most 6 decimal places
            integer | "min":0 | "operator":"equals","value":true | value | must be a number
            boolean |  | "operator":"equals","value":"yes" | value | must be true or false
            single_choice | CHOICES | "operator":"equals","value":"happy" | value | must be the value of one of the field's options
            single_choice | CHOICES | "operator":"any_of","values":["sad","happy"] | values[1] | must be the value of one of the field's options
            multi_choice | CHOICES | "operator":"any_of","values":["sad","sad"] | values[1] | is listed more than once
            multi_choice | CHOICES | "operator":"any_of","values":[] | values | must list at least one option value
            multi_choice | CHOICES | "operator":"any_of" | values | must list at least one option value
            multi_choice | CHOICES | "operator":"any_of","values":["sad"],"value":"sad" | value | does not apply to any_of, which takes values
            """)
    void alertValuesMustSuitTheField(String type, String properties, String alert, String alertPath, String message) {
        String extra = properties == null ? "" : "," + properties.replace("CHOICES", CHOICES);

        assertEquals(List.of(new FieldError("fields[0].alert." + alertPath, message)),
                SchemaValidator.validate(schema(field("a", type, extra + ",\"alert\":{" + alert + "}"))));
    }

    @Test
    void alertMessageIsOneLineOfAtMost200Characters() {
        List<FieldError> errors = SchemaValidator.validate(schema(
                field("a", "boolean", ",\"alert\":{\"operator\":\"equals\",\"value\":true,\"message\":\"%s\"}"
                        .formatted("x".repeat(200))),
                field("b", "boolean", ",\"alert\":{\"operator\":\"equals\",\"value\":true,\"message\":\"%s\"}"
                        .formatted("x".repeat(201))),
                field("c", "boolean", ",\"alert\":{\"operator\":\"equals\",\"value\":true,\"message\":\"a\\nb\"}")));

        assertEquals(List.of(
                new FieldError("fields[1].alert.message", "must be at most 200 characters"),
                new FieldError("fields[2].alert.message", "must be one line without control characters")), errors);
    }

    @Test
    void everyProblemIsReportedInFieldOrder() {
        List<FieldError> errors = SchemaValidator.validate(schema(
                """
                {"key":"Bad","type":"scale","min":0}""",
                field("ok", "boolean", ""),
                """
                {"key":"ok","label":"Again","type":"single_choice","options":[{"value":"x"}]}"""));

        assertEquals(List.of("fields[0].key", "fields[0].label", "fields[0].max", "fields[2].key",
                "fields[2].options[0].label"), paths(errors));
    }

    @Test
    void oddShapesBuiltInJavaGiveErrorsNotExceptions() {
        List<Option> options = new ArrayList<>(Arrays.asList(null, new Option(null, null)));
        List<Anchor> anchors = Collections.singletonList(new Anchor(null, null));
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<String> values = (List) List.of(List.of("sad"), 3);
        FieldSchema schema = new FieldSchema(Arrays.asList(
                new Field(null, null, null, false, null, null, null, null, null, null, null, null, null, null, null),
                new Field("a", "A", FieldType.SCALE, true, null, BigDecimal.ZERO, BigDecimal.TEN, null,
                        null, null, null, null, anchors, null, new AlertRule(AlertOperator.AT_LEAST, List.of(3), null, null)),
                new Field("b", "B", FieldType.MULTI_CHOICE, false, null, null, null, null,
                        null, null, null, null, null, options, new AlertRule(AlertOperator.ANY_OF, null, values, null)),
                null));

        assertEquals(List.of("fields[0].key", "fields[0].label", "fields[0].type",
                "fields[1].anchors[0].value", "fields[1].anchors[0].label", "fields[1].alert.value",
                "fields[2].options[0]", "fields[2].options[1].value", "fields[2].options[1].label",
                "fields[2].alert.values[0]", "fields[2].alert.values[1]", "fields[3]"), paths(SchemaValidator.validate(schema)));
    }

    /** A field with label "A" and extra properties, each starting with a comma, or none. */
    private static String field(String key, String type, String properties) {
        return "{\"key\":\"" + key + "\",\"label\":\"A\",\"type\":\"" + type + "\"" + properties + "}";
    }
}
