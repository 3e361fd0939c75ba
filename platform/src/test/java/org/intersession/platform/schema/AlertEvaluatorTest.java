package org.intersession.platform.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.intersession.platform.schema.SchemaJson.answers;
import static org.intersession.platform.schema.SchemaJson.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertEvaluatorTest {

    private static final String EMOTIONS = """
            "options":[{"value":"sad","label":"Sad"},{"value":"angry","label":"Angry"},{"value":"ashamed","label":"Ashamed"}]""";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            at_least | 4 | 3   | false
            at_least | 4 | 4   | true
            at_least | 4 | 4.0 | true
            at_least | 4 | 5   | true
            at_least | 0 | 0   | true
            at_most  | 1 | 0   | true
            at_most  | 1 | 1   | true
            at_most  | 1 | 1.0 | true
            at_most  | 1 | 2   | false
            at_most  | 5 | 5   | true
            equals   | 3 | 3   | true
            equals   | 3 | 3.0 | true
            equals   | 3 | 2   | false
            equals   | 3 | 4   | false
            """)
    void numericOperatorsIncludeTheirBoundary(String operator, String threshold, String answer, boolean triggers) {
        FieldSchema schema = schema("""
                {"key":"urge","label":"Urge to self-harm","type":"scale","min":0,"max":5,
                 "alert":{"operator":"%s","value":%s}}""".formatted(operator, threshold));

        assertEquals(triggers, !AlertEvaluator.triggered(schema, answers("{\"urge\":" + answer + "}")).isEmpty());
    }

    @Test
    void decimalThresholdsCompareByValue() {
        FieldSchema schema = schema("""
                {"key":"hours","label":"Hours slept","type":"decimal","min":0,"max":24,
                 "alert":{"operator":"at_most","value":3.5}}""");

        assertEquals(1, AlertEvaluator.triggered(schema, Map.of("hours", new BigDecimal("3.50"))).size());
        assertEquals(1, AlertEvaluator.triggered(schema, Map.of("hours", 3.5f)).size());
        assertEquals(0, AlertEvaluator.triggered(schema, Map.of("hours", 3.51)).size());
    }

    @Test
    void equalsMatchesABooleanExactly() {
        FieldSchema schema = schema("""
                {"key":"acted","label":"Acted on an urge","type":"boolean","alert":{"operator":"equals","value":true}}""");

        assertEquals(1, AlertEvaluator.triggered(schema, answers("{\"acted\":true}")).size());
        assertEquals(0, AlertEvaluator.triggered(schema, answers("{\"acted\":false}")).size());
    }

    @Test
    void equalsAndAnyOfMatchTheOptionChosen() {
        FieldSchema schema = schema(
                """
                {"key":"main","label":"Main emotion","type":"single_choice",%s,
                 "alert":{"operator":"equals","value":"ashamed"}}""".formatted(EMOTIONS),
                """
                {"key":"other","label":"Other emotion","type":"single_choice",%s,
                 "alert":{"operator":"any_of","values":["angry","ashamed"]}}""".formatted(EMOTIONS));

        assertEquals(List.of("main", "other"), keys(AlertEvaluator.triggered(schema,
                answers("{\"main\":\"ashamed\",\"other\":\"angry\"}"))));
        assertEquals(List.of(), keys(AlertEvaluator.triggered(schema, answers("{\"main\":\"sad\",\"other\":\"sad\"}"))));
    }

    @Test
    void anyOfMatchesWhenAnyChosenOptionIsListed() {
        FieldSchema schema = schema("""
                {"key":"emotions","label":"Emotions","type":"multi_choice",%s,
                 "alert":{"operator":"any_of","values":["ashamed"]}}""".formatted(EMOTIONS));

        assertEquals(1, AlertEvaluator.triggered(schema, answers("{\"emotions\":[\"sad\",\"ashamed\"]}")).size());
        assertEquals(1, AlertEvaluator.triggered(schema, answers("{\"emotions\":[\"ashamed\"]}")).size());
        assertEquals(0, AlertEvaluator.triggered(schema, answers("{\"emotions\":[\"sad\",\"angry\"]}")).size());
        assertEquals(0, AlertEvaluator.triggered(schema, answers("{\"emotions\":[]}")).size());
    }

    @Test
    void aTriggeredAlertCarriesTheFieldTheValueTheRuleAndTheMessage() {
        FieldSchema schema = schema("""
                {"key":"urge","label":"Urge to self-harm","type":"scale","min":0,"max":5,
                 "alert":{"operator":"at_least","value":4,"message":"Strong urge to self-harm"}}""");

        assertEquals(List.of(new TriggeredAlert("urge", "Urge to self-harm", 5,
                        new AlertRule(AlertOperator.AT_LEAST, 4, null, "Strong urge to self-harm"), "Strong urge to self-harm")),
                AlertEvaluator.triggered(schema, answers("{\"urge\":5}")));
    }

    @Test
    void alertsComeInFieldOrderAndUnansweredFieldsTriggerNothing() {
        FieldSchema schema = schema(
                """
                {"key":"second_in_answers","label":"A","type":"integer","alert":{"operator":"at_least","value":1}}""",
                """
                {"key":"unanswered","label":"B","type":"integer","alert":{"operator":"at_most","value":100}}""",
                """
                {"key":"no_rule","label":"C","type":"integer"}""",
                """
                {"key":"first_in_answers","label":"D","type":"boolean","alert":{"operator":"equals","value":false}}""");

        List<TriggeredAlert> alerts = AlertEvaluator.triggered(schema,
                answers("{\"first_in_answers\":false,\"no_rule\":1,\"second_in_answers\":1,\"unanswered\":null}"));

        assertEquals(List.of("second_in_answers", "first_in_answers"), keys(alerts));
        assertEquals(null, alerts.get(0).message());
    }

    @Test
    void answersOfTheWrongTypeTriggerNothing() {
        FieldSchema schema = schema(
                """
                {"key":"a","label":"A","type":"integer","alert":{"operator":"at_least","value":1}}""",
                """
                {"key":"b","label":"B","type":"integer","alert":{"operator":"at_most","value":1}}""",
                """
                {"key":"c","label":"C","type":"integer","alert":{"operator":"equals","value":1}}""",
                """
                {"key":"d","label":"D","type":"boolean","alert":{"operator":"equals","value":true}}""");

        assertEquals(List.of(), AlertEvaluator.triggered(schema,
                answers("{\"a\":\"5\",\"b\":\"0\",\"c\":true,\"d\":\"true\"}")));
    }

    private static List<String> keys(List<TriggeredAlert> alerts) {
        return alerts.stream().map(TriggeredAlert::fieldKey).toList();
    }
}
