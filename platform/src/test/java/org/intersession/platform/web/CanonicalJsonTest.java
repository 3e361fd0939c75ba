package org.intersession.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void objectsAreEquivalentWhateverTheOrderOfTheirMembers() {
        assertTrue(equivalent("{\"situation\":\"Team meeting\",\"intensity\":40,\"tags\":{\"b\":1,\"a\":2}}",
                "{\"intensity\":40,\"tags\":{\"a\":2,\"b\":1},\"situation\":\"Team meeting\"}"));
        assertEquals("{\"a\":1,\"b\":2}", CanonicalJson.write(tree("{\"b\":2,\"a\":1}")));
    }

    @Test
    void numbersAreComparedByValueWhateverTheirWritingOrJavaType() {
        assertTrue(equivalent("{\"n\":40}", "{\"n\":40.0}"));
        assertTrue(equivalent("{\"n\":4E1}", "{\"n\":40.000}"));
        assertTrue(equivalent("{\"n\":0}", "{\"n\":-0.0}"));
        assertTrue(equivalent("[1e2]", "[100]"));
        // what Hibernate reads back from jsonb against what Jackson made of the request
        Map<String, Object> stored = Map.of("n", 40, "d", 2.5, "big", new BigDecimal("2.50"));
        Map<String, Object> sent = Map.of("n", 40L, "d", new BigDecimal("2.500"), "big", 2.5);
        assertTrue(CanonicalJson.equivalent(JSON.valueToTree(stored), JSON.valueToTree(sent)));
        assertTrue(CanonicalJson.equivalent(JSON.valueToTree(Map.of("f", 0.1f)), JSON.valueToTree(Map.of("f", 0.1))));
        assertFalse(equivalent("{\"n\":40}", "{\"n\":40.5}"));
    }

    @Test
    void valuesOfDifferentJsonTypesNeverMatch() {
        assertFalse(equivalent("{\"n\":40}", "{\"n\":\"40\"}"));
        assertFalse(equivalent("{\"b\":true}", "{\"b\":\"true\"}"));
        assertFalse(equivalent("{\"b\":false}", "{\"b\":0}"));
        assertFalse(equivalent("{\"l\":[\"a\"]}", "{\"l\":\"a\"}"));
        assertFalse(equivalent("{\"o\":{}}", "{\"o\":[]}"));
    }

    @Test
    void aNullMemberIsTheSameAsAnAbsentOneButNotInsideAnArray() {
        assertTrue(equivalent("{\"a\":1,\"b\":null}", "{\"a\":1}"));
        assertTrue(CanonicalJson.equivalent(null, tree("null")));
        assertFalse(equivalent("[1,null]", "[1]"));
    }

    @Test
    void arraysKeepTheirOrder() {
        assertFalse(equivalent("[\"shame\",\"guilt\"]", "[\"guilt\",\"shame\"]"));
        assertTrue(equivalent("[{\"y\":1,\"x\":2}]", "[{\"x\":2,\"y\":1.0}]"));
    }

    @Test
    void stringsAreComparedExactlyAndQuotedSafely() {
        assertFalse(equivalent("{\"s\":\"Team meeting\"}", "{\"s\":\"team meeting\"}"));
        assertFalse(equivalent("{\"s\":\"a\"}", "{\"s\":\"a \"}"));
        // a key or value holding quotes and commas cannot fake another member
        assertFalse(equivalent("{\"a\":\"1\\\",\\\"b\\\":\\\"2\"}", "{\"a\":\"1\",\"b\":\"2\"}"));
        assertEquals("{\"k\\\"\":\"v\\n\"}", CanonicalJson.write(tree("{\"k\\\"\":\"v\\n\"}")));
    }

    @Test
    void theCanonicalTextIsTheSameForEveryEquivalentValue() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("z", List.of(1, 2.0, "x"));
        a.put("a", Map.of("m", 1.50));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("a", Map.of("m", new BigDecimal("1.5")));
        b.put("z", List.of(1.0, 2, "x"));
        b.put("unused", null);
        assertEquals(CanonicalJson.write(JSON.valueToTree(a)), CanonicalJson.write(JSON.valueToTree(b)));
    }

    private static boolean equivalent(String a, String b) {
        return CanonicalJson.equivalent(tree(a), tree(b));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
