package org.intersession.e2e;

import io.restassured.path.json.JsonPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;

/** The operations of the gateway's merged OpenAPI document, as "METHOD /path", in document order. */
final class PublicOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    record Operation(String method, String path, Map<String, Object> spec) {

        String key() {
            return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
        }

        boolean hasPathParameters() {
            return path.contains("{");
        }
    }

    private PublicOperations() {
    }

    static JsonPath document(String gateway) {
        return given().baseUri(gateway).when().get("/openapi").then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    static List<Operation> of(JsonPath document) {
        List<Operation> operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, spec) -> {
            if (METHODS.contains(method)) {
                operations.add(new Operation(method, path, (Map<String, Object>) spec));
            }
        }));
        return operations;
    }
}
