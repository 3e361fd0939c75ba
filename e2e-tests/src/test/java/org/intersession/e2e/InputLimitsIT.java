package org.intersession.e2e;

import io.restassured.path.json.JsonPath;
import org.intersession.e2e.PublicOperations.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OWASP API4 and issue #8 item 4, read from the merged OpenAPI document of every service: each string a caller
 * sends has a maximum length, each array a maximum size, and each list answer is a page with a bounded limit.
 */
class InputLimitsIT {

    private static final String REF = "#/components/schemas/";
    /** Strings whose format bounds them: a parser refuses anything longer than the format allows. */
    private static final Set<String> BOUNDED_FORMATS = Set.of("uuid", "date", "date-time", "time", "local-time", "int32", "int64");
    /** Answers that are arrays without a page, and why they are bounded anyway. */
    private static final Map<String, String> BOUNDED_ARRAYS = Map.of(
            "GET /api/v1/trends/assignments/{id}", "one series per numeric field of the assignment (FieldSchema.fields maxItems)");

    private static JsonPath document;
    private static Map<String, Map<String, Object>> schemas;

    @BeforeAll
    static void readDocument() {
        document = PublicOperations.document(RunningStack.get().gatewayUrl());
        schemas = document.getMap("components.schemas");
    }

    @Test
    void everyStringACallerSendsHasAMaximumLengthAndEveryArrayAMaximumSize() {
        Set<String> gaps = new TreeSet<>();
        int checked = 0;
        for (Operation operation : PublicOperations.of(document)) {
            for (Map<String, Object> parameter : parameters(operation)) {
                if (!"header".equals(parameter.get("in"))) {
                    checked++;
                    walk(map(parameter.get("schema")), operation.key() + " ?" + parameter.get("name"), new HashSet<>(), gaps);
                }
            }
            Map<String, Object> content = map(map(operation.spec().get("requestBody")).get("content"));
            for (Object mediaType : content.values()) {
                checked++;
                walk(map(map(mediaType).get("schema")), operation.key() + " body", new HashSet<>(), gaps);
            }
        }
        System.out.printf("Input limits: %d parameters and bodies checked%n", checked);
        assertTrue(checked > 0);
        assertTrue(gaps.isEmpty(), "unbounded input:\n" + String.join("\n", gaps));
    }

    @Test
    void everyListIsAPageWithABoundedLimit() {
        List<String> unbounded = new ArrayList<>();
        int lists = 0;
        for (Operation operation : PublicOperations.of(document)) {
            if (!operation.method().equals("get")) {
                continue;
            }
            Map<String, Object> ok = map(map(map(map(operation.spec().get("responses")).get("200")).get("content")).get("application/json"));
            Map<String, Object> schema = resolve(map(ok.get("schema")));
            boolean array = "array".equals(schema.get("type"));
            // a page of a list (nextCursor) or of a changes feed (syncToken)
            Map<String, Object> properties = map(schema.get("properties"));
            boolean page = properties.containsKey("items") && (properties.containsKey("nextCursor") || properties.containsKey("syncToken"));
            if (array && BOUNDED_ARRAYS.containsKey(operation.key())) {
                continue;
            }
            if (array) {
                unbounded.add(operation.key() + ": answers a bare array");
                continue;
            }
            if (!page) {
                continue;
            }
            lists++;
            Map<String, Object> limit = parameters(operation).stream().filter(p -> "limit".equals(p.get("name")))
                    .map(p -> map(p.get("schema"))).findFirst().orElse(Map.of());
            if (!(limit.get("maximum") instanceof Number max) || max.intValue() > 500) {
                unbounded.add(operation.key() + ": limit without a maximum of at most 500: " + limit);
            }
        }
        System.out.printf("Pagination: %d list operations, each with a bounded limit%n", lists);
        assertFalse(lists == 0, "no page found; has the Page schema changed?");
        assertTrue(unbounded.isEmpty(), String.join("\n", unbounded));
    }

    private void walk(Map<String, Object> schema, String where, Set<String> seen, Set<String> gaps) {
        if (schema.get("$ref") instanceof String ref) {
            String name = ref.substring(REF.length());
            if (!seen.add(name)) {
                return;
            }
            walk(schemas.get(name), name, seen, gaps);
            return;
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.get(combinator) instanceof List<?> parts) {
                parts.forEach(part -> walk(map(part), where, seen, gaps));
            }
        }
        Object type = schema.get("type");
        if ("string".equals(type) && !schema.containsKey("maxLength") && !schema.containsKey("enum")
                && !BOUNDED_FORMATS.contains(String.valueOf(schema.get("format")))) {
            gaps.add(where + ": string without maxLength");
        }
        if ("array".equals(type)) {
            if (!schema.containsKey("maxItems")) {
                gaps.add(where + ": array without maxItems");
            }
            walk(map(schema.get("items")), where + "[]", seen, gaps);
        }
        map(schema.get("properties")).forEach((name, property) -> walk(map(property), where + "." + name, seen, gaps));
        if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
            walk(map(values), where + "{}", seen, gaps);
        }
    }

    private Map<String, Object> resolve(Map<String, Object> schema) {
        return schema.get("$ref") instanceof String ref ? resolve(schemas.get(ref.substring(REF.length()))) : schema;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parameters(Operation operation) {
        return operation.spec().get("parameters") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
