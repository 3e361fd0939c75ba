package org.intersession.platform.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.intersession.platform.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.intersession.platform.schema.SchemaJson.answers;
import static org.intersession.platform.schema.SchemaJson.paths;
import static org.intersession.platform.schema.SchemaJson.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class AnswerValidatorTest {

    /** One optional field of each type. */
    private static final FieldSchema EVERY_TYPE = schema(
            """
            {"key":"situation","label":"Situation","type":"text","maxLength":20}""",
            """
            {"key":"notes","label":"Notes","type":"long_text","minLength":3}""",
            """
            {"key":"wakings","label":"Night wakings","type":"integer","min":0,"max":20}""",
            """
            {"key":"hours","label":"Hours slept","type":"decimal","min":0,"max":24,"step":0.25}""",
            """
            {"key":"intensity","label":"Intensity","type":"scale","min":0,"max":100,"step":5}""",
            """
            {"key":"done","label":"Done","type":"boolean"}""",
            """
            {"key":"practice","label":"Practice","type":"single_choice",
             "options":[{"value":"breathing","label":"Breathing"},{"value":"body_scan","label":"Body scan"}]}""",
            """
            {"key":"emotions","label":"Emotions","type":"multi_choice",
             "options":[{"value":"sad","label":"Sad"},{"value":"angry","label":"Angry"},{"value":"afraid","label":"Afraid"}]}""",
            """
            {"key":"day","label":"Day","type":"date"}""",
            """
            {"key":"bedtime","label":"Bedtime","type":"time"}""",
            """
            {"key":"minutes","label":"Minutes","type":"duration_minutes"}""",
            """
            {"key":"worries","label":"Worries","type":"list_of_text","minItems":2,"maxItems":3,"maxLength":10}""");

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"situation\":\"At work\",\"notes\":\"abc\"}",
            "{\"situation\":\"12345678901234567890\"}",
            "{\"notes\":\"first line\\nsecond line\\twith a tab\"}",
            "{\"notes\":null,\"situation\":\"   \"}",
            "{\"wakings\":0}", "{\"wakings\":20}",
            "{\"hours\":0}", "{\"hours\":7.25}", "{\"hours\":7.50}", "{\"hours\":24}",
            "{\"intensity\":0}", "{\"intensity\":55}", "{\"intensity\":100}",
            "{\"done\":true}", "{\"done\":false}",
            "{\"practice\":\"body_scan\"}",
            "{\"emotions\":[\"sad\",\"angry\",\"afraid\"]}", "{\"emotions\":[]}",
            "{\"day\":\"2026-02-28\"}", "{\"day\":\"2024-02-29\"}",
            "{\"bedtime\":\"00:00\"}", "{\"bedtime\":\"23:59\"}", "{\"bedtime\":\"07:05\"}",
            "{\"minutes\":0}", "{\"minutes\":1440}",
            "{\"worries\":[\"money\",\"exam\"]}", "{\"worries\":[\"a\",\"b\",\"1234567890\"]}", "{\"worries\":[]}"})
    void goodAnswersOfEveryTypeAreAccepted(String answers) {
        assertEquals(List.of(), AnswerValidator.validate(EVERY_TYPE, answers(answers)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"situation":5}                              | answers.situation    | must be text
            {"situation":["a"]}                          | answers.situation    | must be text
            {"situation":{"nested":true}}                | answers.situation    | must be text
            {"situation":"123456789012345678901"}        | answers.situation    | must be at most 20 characters
            {"situation":"nul \\u0000"}                  | answers.situation    | must not contain control characters
            {"notes":"ab"}                               | answers.notes        | must be at least 3 characters
            {"wakings":21}                               | answers.wakings      | must be from 0 to 20
            {"wakings":-1}                               | answers.wakings      | must be from 0 to 20
            {"wakings":2.5}                              | answers.wakings      | must be a whole number
            {"wakings":3.0}                              | answers.wakings      | must be a whole number
            {"wakings":3e0}                              | answers.wakings      | must be a whole number
            {"wakings":2.99999999999999999999}           | answers.wakings      | must be a whole number
            {"wakings":"3"}                              | answers.wakings      | must be a whole number
            {"wakings":true}                             | answers.wakings      | must be a whole number
            {"hours":7.3}                                | answers.hours        | must be in steps of 0.25 from 0
            {"hours":24.25}                              | answers.hours        | must be from 0 to 24
            {"hours":"7"}                                | answers.hours        | must be a number
            {"hours":1.0000001}                          | answers.hours        | must have at most 6 decimal places
            {"hours":1e-400}                             | answers.hours        | must have at most 6 decimal places
            {"hours":7.25000000000000000001}             | answers.hours        | must have at most 6 decimal places
            {"hours":1e400}                              | answers.hours        | must be from 0 to 24
            {"intensity":101}                            | answers.intensity    | must be from 0 to 100
            {"intensity":52}                             | answers.intensity    | must be in steps of 5 from 0
            {"intensity":50.5}                           | answers.intensity    | must be a whole number
            {"intensity":5e1}                            | answers.intensity    | must be a whole number
            {"done":"true"}                              | answers.done         | must be true or false
            {"done":1}                                   | answers.done         | must be true or false
            {"practice":"yoga"}                          | answers.practice     | must be the value of one of the field's options
            {"practice":["breathing"]}                   | answers.practice     | must be the value of one of the field's options
            {"emotions":"sad"}                           | answers.emotions     | must be a list of option values
            {"emotions":["sad","sad"]}                   | answers.emotions[1]  | is already chosen earlier in the list
            {"emotions":["sad","happy"]}                 | answers.emotions[1]  | must be the value of one of the field's options
            {"emotions":[null,"sad"]}                    | answers.emotions[0]  | must be the value of one of the field's options
            {"emotions":["sad","angry","afraid","sad"]}  | answers.emotions     | must choose at most 3 options, each once
            {"day":"2026-02-30"}                         | answers.day          | must be a date as yyyy-MM-dd
            {"day":"2026-1-5"}                           | answers.day          | must be a date as yyyy-MM-dd
            {"day":"26-01-05"}                           | answers.day          | must be a date as yyyy-MM-dd
            {"day":"+2026-01-05"}                        | answers.day          | must be a date as yyyy-MM-dd
            {"day":"2026-01-05T10:00"}                   | answers.day          | must be a date as yyyy-MM-dd
            {"day":"05/01/2026"}                         | answers.day          | must be a date as yyyy-MM-dd
            {"day":20260105}                             | answers.day          | must be a date as yyyy-MM-dd
            {"bedtime":"24:00"}                          | answers.bedtime      | must be a time of day as HH:mm, from 00:00 to 23:59
            {"bedtime":"23:60"}                          | answers.bedtime      | must be a time of day as HH:mm, from 00:00 to 23:59
            {"bedtime":"7:30"}                           | answers.bedtime      | must be a time of day as HH:mm, from 00:00 to 23:59
            {"bedtime":"07:30:00"}                       | answers.bedtime      | must be a time of day as HH:mm, from 00:00 to 23:59
            {"bedtime":"7pm"}                            | answers.bedtime      | must be a time of day as HH:mm, from 00:00 to 23:59
            {"minutes":1441}                             | answers.minutes      | must be from 0 to 1440
            {"minutes":-5}                               | answers.minutes      | must be from 0 to 1440
            {"minutes":10.5}                             | answers.minutes      | must be a whole number
            {"minutes":10.0}                             | answers.minutes      | must be a whole number
            {"worries":"money"}                          | answers.worries      | must be a list of texts
            {"worries":["money"]}                        | answers.worries      | must have at least 2 entries
            {"worries":["a","b","c","d"]}                | answers.worries      | must have at most 3 entries
            {"worries":["money",""]}                     | answers.worries[1]   | must not be blank
            {"worries":["money",5]}                      | answers.worries[1]   | must be text
            {"worries":["12345678901","b"]}              | answers.worries[0]   | must be at most 10 characters
            {"worries":["a","b\\u0007"]}                 | answers.worries[1]   | must not contain control characters
            {"unknown_key":1}                            | answers.unknown_key  | is not a field of this homework
            """)
    void badAnswersAreRefusedAtTheFieldsPath(String answers, String path, String message) {
        assertEquals(List.of(new FieldError(path, message)), AnswerValidator.validate(EVERY_TYPE, answers(answers)));
    }

    @Test
    void requiredFieldsMustBeAnswered() {
        FieldSchema schema = schema(
                """
                {"key":"situation","label":"Situation","type":"text","required":true}""",
                """
                {"key":"done","label":"Done","type":"boolean","required":true}""",
                """
                {"key":"intensity","label":"Intensity","type":"scale","required":true,"min":0,"max":10}""",
                """
                {"key":"skills","label":"Skills","type":"multi_choice","required":true,"options":[{"value":"a","label":"A"}]}""",
                """
                {"key":"tasks","label":"Tasks","type":"list_of_text","required":true}""",
                """
                {"key":"note","label":"Note","type":"long_text"}""");
        List<FieldError> missing = List.of(
                new FieldError("answers.situation", "is required"), new FieldError("answers.done", "is required"),
                new FieldError("answers.intensity", "is required"), new FieldError("answers.skills", "is required"),
                new FieldError("answers.tasks", "is required"));

        assertEquals(missing, AnswerValidator.validate(schema, answers("{}")));
        assertEquals(missing, AnswerValidator.validate(schema, answers("""
                {"situation":" \\n ","done":null,"intensity":null,"skills":[],"tasks":[]}""")));
        assertEquals(List.of(), AnswerValidator.validate(schema, answers("""
                {"situation":"At home","done":false,"intensity":0,"skills":["a"],"tasks":["call"]}""")));
    }

    @Test
    void blankIsNoAnswerOnlyForText() {
        FieldSchema schema = schema("""
                {"key":"wakings","label":"Night wakings","type":"integer"}""");

        assertEquals(List.of(new FieldError("answers.wakings", "must be a whole number")),
                AnswerValidator.validate(schema, answers("{\"wakings\":\"\"}")));
    }

    @Test
    void textLengthsDefaultToTheTypesLimits() {
        FieldSchema schema = schema(
                """
                {"key":"short","label":"Short","type":"text"}""",
                """
                {"key":"long","label":"Long","type":"long_text"}""",
                """
                {"key":"list","label":"List","type":"list_of_text"}""");
        Map<String, Object> atLimits = Map.of("short", "x".repeat(2000), "long", "x".repeat(10_000),
                "list", IntStream.range(0, 50).mapToObj(i -> "x".repeat(500)).toList());
        Map<String, Object> overLimits = Map.of("short", "x".repeat(2001), "long", "x".repeat(10_001),
                "list", List.of("x".repeat(501)));

        assertEquals(List.of(), AnswerValidator.validate(schema, atLimits));
        assertEquals(List.of(
                new FieldError("answers.short", "must be at most 2000 characters"),
                new FieldError("answers.long", "must be at most 10000 characters"),
                new FieldError("answers.list[0]", "must be at most 500 characters")),
                AnswerValidator.validate(schema, overLimits));
        assertEquals(List.of(new FieldError("answers.list", "must have at most 50 entries")),
                AnswerValidator.validate(schema, Map.of("list", IntStream.range(0, 51).mapToObj(i -> "x").toList())));
    }

    @Test
    void durationIsAtMostADayUnlessBoundsAreGiven() {
        FieldSchema schema = schema("""
                {"key":"minutes","label":"Minutes","type":"duration_minutes","min":10,"max":3000,"step":10}""");

        assertEquals(List.of(), AnswerValidator.validate(schema, answers("{\"minutes\":2990}")));
        assertEquals(List.of(new FieldError("answers.minutes", "must be from 10 to 3000")),
                AnswerValidator.validate(schema, answers("{\"minutes\":0}")));
        assertEquals(List.of(new FieldError("answers.minutes", "must be in steps of 10 from 10")),
                AnswerValidator.validate(schema, answers("{\"minutes\":15}")));
    }

    @Test
    void scaleStepsCountFromItsMinimum() {
        FieldSchema schema = schema("""
                {"key":"mood","label":"Mood","type":"scale","min":-5,"max":5,"step":2,
                 "anchors":[{"value":-5,"label":"Very low"},{"value":5,"label":"Very high"}]}""");

        assertEquals(List.of(), AnswerValidator.validate(schema, answers("{\"mood\":-3}")));
        assertEquals(List.of(), AnswerValidator.validate(schema, answers("{\"mood\":5}")));
        assertEquals(List.of(new FieldError("answers.mood", "must be in steps of 2 from -5")),
                AnswerValidator.validate(schema, answers("{\"mood\":0}")));
    }

    @Test
    void numbersWithoutBoundsLieWithinABillion() {
        FieldSchema schema = schema(
                """
                {"key":"count","label":"Count","type":"integer","step":2}""",
                """
                {"key":"amount","label":"Amount","type":"decimal"}""");

        assertEquals(List.of(), AnswerValidator.validate(schema, answers("{\"count\":-1000000000,\"amount\":1000000000}")));
        assertEquals(List.of(new FieldError("answers.count", "must be in steps of 2 from 0")),
                AnswerValidator.validate(schema, answers("{\"count\":3}")));
        assertEquals(List.of(
                new FieldError("answers.count", "must be from -1000000000 to 1000000000"),
                new FieldError("answers.amount", "must be from -1000000000 to 1000000000")),
                AnswerValidator.validate(schema, answers("{\"count\":12345678901234567890,\"amount\":-1000000000.5}")));
    }

    @Test
    void numbersOfEveryClassJacksonProducesAreJudgedByValueButAWholeNumberMustBeAnInteger() {
        FieldSchema schema = schema(
                """
                {"key":"count","label":"Count","type":"integer","min":0,"max":10}""",
                """
                {"key":"amount","label":"Amount","type":"decimal","min":0,"max":10,"step":0.1}""");

        for (Object count : List.of(7, 7L, (short) 7, BigInteger.valueOf(7))) {
            assertEquals(List.of(), AnswerValidator.validate(schema, Map.of("count", count)), count.getClass().getName());
        }
        for (Object fraction : List.of(7.0, new BigDecimal("7.000"), 7.0f)) {
            assertEquals(List.of(new FieldError("answers.count", "must be a whole number")),
                    AnswerValidator.validate(schema, Map.of("count", fraction)), fraction.getClass().getName());
        }
        for (Object amount : List.of(0.3, 0.3f, new BigDecimal("0.30"), 3, BigInteger.TEN)) {
            assertEquals(List.of(), AnswerValidator.validate(schema, Map.of("amount", amount)), amount.getClass().getName());
        }
        for (Object notANumber : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, "7", 'x')) {
            assertEquals(List.of("answers.amount"), paths(AnswerValidator.validate(schema, Map.of("amount", notANumber))));
        }
    }

    @Test
    void bigDecimalsFromAMapperThatKeepsThemAreChecked() throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        FieldSchema schema = schema("""
                {"key":"amount","label":"Amount","type":"decimal","step":0.5}""");

        assertEquals(List.of(), AnswerValidator.validate(schema, mapper.readValue("{\"amount\":2.50}", Map.class)));
        List<FieldError> errors = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> AnswerValidator.validate(schema,
                mapper.readValue("{\"amount\":1e-999999999}", Map.class)));
        assertEquals(List.of(new FieldError("answers.amount", "must have at most 6 decimal places")), errors);
    }

    @Test
    void everyViolationIsReportedInFieldOrderThenUnknownKeys() {
        List<FieldError> errors = AnswerValidator.validate(EVERY_TYPE, answers("""
                {"zebra":1,"worries":["a",""],"alpha":2,"wakings":99,"situation":7,"emotions":["sad","sad","x"]}"""));

        assertEquals(List.of("answers.situation", "answers.wakings", "answers.emotions[1]", "answers.emotions[2]",
                "answers.worries[1]", "answers.alpha", "answers.zebra"), paths(errors));
    }

    @Test
    void manyOrMalformedUnknownKeysAreCountedNotEchoed() {
        Map<String, Object> answers = new HashMap<>();
        IntStream.range(0, 12).forEach(i -> answers.put("extra_" + (char) ('a' + i), i));
        answers.put("<script>", 1);
        answers.put(null, 1);

        List<FieldError> errors = AnswerValidator.validate(EVERY_TYPE, answers);

        assertEquals(IntStream.range(0, 10).mapToObj(i -> "answers.extra_" + (char) ('a' + i)).toList(),
                paths(errors).subList(0, 10));
        assertEquals(new FieldError("answers", "has 4 more keys that are not fields of this homework"), errors.get(10));
        assertEquals(List.of(new FieldError("answers", "has 1 key that is not a field of this homework")),
                AnswerValidator.validate(EVERY_TYPE, Map.of("Not A Key", 1)));
    }

    @Test
    void answersForAnInvalidSchemaGiveErrorsNotExceptions() {
        FieldSchema broken = new FieldSchema(Arrays.asList(
                null,
                new Field(null, null, FieldType.TEXT, true, null, null, null, null, null, null, null, null, null, null, null),
                new Field("a", null, null, true, null, null, null, null, null, null, null, null, null, null, null),
                new Field("b", "B", FieldType.SCALE, true, null, null, new BigDecimal("1e999999999"), new BigDecimal("1e-999999999"),
                        null, null, null, null, null, null, null),
                new Field("c", "C", FieldType.MULTI_CHOICE, false, null, null, null, null,
                        null, null, null, null, null, Arrays.asList(null, new Option(null, "x")), null)));

        List<FieldError> errors = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> AnswerValidator.validate(broken, answers("{\"a\":1,\"b\":5,\"c\":[\"x\"]}")));

        assertEquals(List.of("answers.c"), paths(errors));
    }

    @Test
    void manyBadEntriesAreEachReported() {
        String fifty = IntStream.range(0, 50).mapToObj(i -> "\"\"").collect(Collectors.joining(","));
        FieldSchema schema = schema("""
                {"key":"tasks","label":"Tasks","type":"list_of_text"}""");

        assertEquals(50, AnswerValidator.validate(schema, answers("{\"tasks\":[" + fifty + "]}")).size());
    }
}
