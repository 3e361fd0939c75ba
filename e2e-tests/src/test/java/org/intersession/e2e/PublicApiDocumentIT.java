package org.intersession.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway serves one OpenAPI document for every public route, its own and the services'; it is what clinic
 * developers generate their clients from, so each operation must be identified and typed, and the copy committed in
 * docs/openapi.json (from which the build generates a Java client, and .ci/api-contract lints and types) must be it.
 */
class PublicApiDocumentIT {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Path SNAPSHOT = home().resolve("docs/openapi.json");
    private static final Path LIVE = home().resolve("e2e-tests/target/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theMergedDocumentCoversTheGatewayAndEveryService() {
        RunningStack platform = RunningStack.get();
        given().baseUri(platform.gatewayUrl()).when().get("/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Intersession API"))
                .body("paths", hasKey("/api/v1/auth/login"))
                .body("paths", hasKey("/api/v1/users/{id}"))
                .body("paths", hasKey("/api/v1/assignments"))
                .body("paths", hasKey("/api/v1/assignments/{id}"))
                .body("paths", hasKey("/api/v1/progress-entries"))
                .body("paths", hasKey("/api/v1/notifications"))
                .body("paths", not(hasKey("/q/health/ready")));
        // the packaged gateway runs in production, where Swagger UI is off unless a self-hoster turns it on
        given().baseUri(platform.gatewayUrl()).when().get("/q/swagger-ui/").then().statusCode(404);
    }

    @Test
    void everyOperationHasAUniqueIdATagAndATypedAnswer() throws IOException {
        JsonNode document = live();
        List<String> problems = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            String operation = entry.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
            JsonNode spec = entry.getValue();
            String id = spec.path("operationId").asText("");
            if (!id.matches("[a-z][A-Za-z]+")) {
                problems.add(operation + ": no operationId");
            } else if (ids.put(id, operation) != null) {
                problems.add(operation + ": operationId " + id + " is also " + ids.get(id));
            }
            if (!spec.path("tags").isArray() || spec.path("tags").isEmpty()) {
                problems.add(operation + ": no tag");
            }
            if (spec.path("summary").asText("").isBlank() || spec.path("description").asText("").isBlank()) {
                problems.add(operation + ": no summary or description");
            }
            List<String> successes = new ArrayList<>();
            spec.path("responses").fields().forEachRemaining(response -> {
                if (!response.getKey().startsWith("2")) {
                    return;
                }
                successes.add(response.getKey());
                if (!response.getKey().equals("204") && !typed(response.getValue())) {
                    problems.add(operation + ": answer " + response.getKey() + " has no schema");
                }
            });
            if (successes.isEmpty()) {
                problems.add(operation + ": no success answer");
            }
        }));
        assertTrue(problems.isEmpty(), "Operations of the merged document that a generated client cannot use:\n" + String.join("\n", problems));
    }

    @Test
    void theCommittedDocumentIsTheLiveOne() throws IOException {
        JsonNode live = live();
        assertTrue(Files.exists(SNAPSHOT), "docs/openapi.json is missing: copy e2e-tests/target/openapi.json there");
        assertTrue(JSON.readTree(SNAPSHOT.toFile()).equals(live),
                "docs/openapi.json differs from the gateway's /openapi. The API changed: review e2e-tests/target/openapi.json "
                        + "and copy it to docs/openapi.json (the generated clients and .ci/api-contract read that copy).");
    }

    /** The merged document, also written to e2e-tests/target/openapi.json for review and for .ci/api-contract. */
    private static JsonNode live() throws IOException {
        String body = given().baseUri(RunningStack.get().gatewayUrl()).when().get("/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode document = JSON.readTree(body);
        Files.createDirectories(LIVE.getParent());
        Files.writeString(LIVE, JSON.writeValueAsString(document) + "\n");
        return document;
    }

    private static boolean typed(JsonNode response) {
        if (!response.path("content").isObject() || response.path("content").isEmpty()) {
            return false;
        }
        for (JsonNode media : response.path("content")) {
            JsonNode schema = media.path("schema");
            if (!schema.isObject() || schema.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static Path home() {
        return Path.of(System.getProperty("intersession.home", "..")).toAbsolutePath().normalize();
    }
}
