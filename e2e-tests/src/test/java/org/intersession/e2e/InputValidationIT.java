package org.intersession.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.FilterableRequestSpecification;
import org.intersession.e2e.PublicOperations.Operation;
import org.intersession.e2e.SecurityFixture.Actor;
import org.intersession.e2e.SecurityFixture.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #8 item 4 in every service: an invalid enum value or time zone is a 400 whose problem details name the
 * field. Only the gateway takes a time zone (the client's profile); the services read it from their replicas.
 * Issue #18 finding 9: every operation of the public document that takes a body refuses hostile input as a problem
 * and stores nothing.
 */
class InputValidationIT {

    private static SecurityFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = SecurityFixture.get();
    }

    @Test
    void gatewayNamesAnInvalidRoleAndAnInvalidTimeZone() {
        fieldError(fixture.as(Actor.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("email", UUID.randomUUID() + "@clinic.test", "displayName", "X", "role", "WIZARD"))
                .when().post("/api/v1/users").then(), "role");
        fieldError(fixture.as(Actor.CLIENT).header("If-Match", "*").contentType(ContentType.JSON)
                .body(Map.of("profile", Map.of("timeZone", "Mars/Olympus_Mons")))
                .when().patch("/api/v1/users/{id}", fixture.client.id()).then(), "profile.timeZone");
    }

    @Test
    void assignmentServiceNamesAnInvalidScheduleType() {
        Map<String, Object> body = new HashMap<>(fixture.assignmentBody(null));
        body.put("schedule", Map.of("type", "SOMETIMES", "start", fixture.scheduleStart + "T20:00"));
        fieldError(fixture.as(Actor.THERAPIST).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments").then(), "schedule.type");
    }

    @Test
    void progressServiceNamesAnInvalidStatus() {
        fieldError(fixture.as(Actor.CLIENT).contentType(ContentType.JSON)
                .body(Map.of("id", UUID.randomUUID(), "assignmentId", fixture.assignmentId, "status", "MAYBE",
                        "occurrenceKey", fixture.occurrenceKey(2)))
                .when().post("/api/v1/progress-entries").then(), "status");
    }

    @Test
    void notificationServiceNamesAnInvalidChannelAndDay() {
        fieldError(fixture.as(Actor.CLIENT).contentType(ContentType.JSON).body(Map.of("channels", List.of("PIGEON")))
                .when().put("/api/v1/notification-preferences").then(), "channels[0]");
        fieldError(fixture.as(Actor.CLIENT).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP"), "weeklyDigestDay", "FUNDAY"))
                .when().put("/api/v1/notification-preferences").then(), "weeklyDigestDay");
    }

    /** Who sends a body: the first of these the role matrix lets call the operation. */
    private static final List<Actor> SENDERS = List.of(Actor.THERAPIST, Actor.CLIENT, Actor.ADMIN, Actor.OPERATOR, Actor.API_ALL,
            Actor.ANONYMOUS);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A well-formed body but for one hostile change, and what it must be answered with. */
    private record Hostile(String what, String contentType, String body, int status, String field) {
    }

    @Test
    void everyOperationTakingABodyRefusesHostileInputAsAProblemAndStoresNothing() throws Exception {
        JsonPath document = PublicOperations.document(fixture.gateway);
        Map<String, Map<Actor, String>> matrix = ApiSecurityIT.roleMatrix();
        OperationCalls calls = new OperationCalls(fixture);
        List<String> table = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int operations = 0;
        for (Operation operation : PublicOperations.of(document)) {
            Map<String, Object> content = map(map(operation.spec().get("requestBody")).get("content"));
            if (content.isEmpty()) {
                continue;
            }
            operations++;
            Actor sender = SENDERS.stream().filter(a -> "allow".equals(matrix.get(operation.key()).get(a))).findFirst().orElseThrow();
            OperationCalls.Call call = calls.prepare(operation.key(), sender);
            String path = path(operation.path(), call.pathParams());
            Map<String, String> headers = extraHeaders(call);
            List<Hostile> variants = content.containsKey("application/json")
                    ? jsonVariants((ObjectNode) JSON.valueToTree(call.body()), schema(document, content))
                    : formVariants();
            String before = stored(operation, call, sender);
            for (Hostile hostile : variants) {
                Map<String, String> sent = new LinkedHashMap<>(headers);
                if (hostile.contentType() != null) {
                    sent.put("Content-Type", hostile.contentType());
                }
                Answer answer = fixture.raw(sender, operation.method().toUpperCase(Locale.ROOT), path, sent,
                        hostile.body().getBytes(StandardCharsets.UTF_8));
                boolean named = hostile.field() == null || answer.body().contains("\"field\":\"" + hostile.field() + "\"");
                boolean right = answer.status() == hostile.status() && answer.contentType().startsWith("application/problem+json") && named;
                table.add(String.format("%-55s %-32s %d", operation.key(), hostile.what(), answer.status()));
                if (!right) {
                    wrong.add(operation.key() + " " + hostile.what() + ": expected a " + hostile.status() + " problem"
                            + (hostile.field() == null ? "" : " naming " + hostile.field()) + ", got " + answer.status() + " "
                            + answer.contentType() + " " + abbreviated(answer.body()));
                }
            }
            String after = stored(operation, call, sender);
            if (!before.equals(after)) {
                wrong.add(operation.key() + ": something was stored:\n  before " + abbreviated(before) + "\n  after  " + abbreviated(after));
            }
        }
        System.out.printf("Hostile input: %d operations taking a body, %d requests%n%s%n", operations, table.size(), String.join("\n", table));
        assertTrue(operations >= 18, "operations taking a body: " + operations);
        assertTrue(wrong.isEmpty(), "hostile input not refused as a problem, or stored:\n" + String.join("\n", wrong));
    }

    /** One property twice, no or a wrong Content-Type, a fraction, a huge exponent and a string where a whole number goes. */
    private static List<Hostile> jsonVariants(ObjectNode valid, Map<String, Object> schema) {
        String text = valid.toString();
        String first = valid.fieldNames().next();
        List<Hostile> variants = new ArrayList<>(List.of(
                new Hostile("duplicate property", "application/json",
                        text.substring(0, text.length() - 1) + ",\"" + first + "\":" + valid.get(first) + "}", 400, first),
                new Hostile("no Content-Type", null, text, 415, null),
                new Hostile("JSON sent as text/plain", "text/plain", text, 415, null)));
        List<List<String>> wholeNumbers = new ArrayList<>();
        wholeNumbers(valid, schema, new ArrayList<>(), wholeNumbers);
        if (wholeNumbers.isEmpty()) {
            // no whole number to round: a number with a huge exponent where text belongs must not become text
            variants.add(new Hostile("huge exponent for text", "application/json", with(valid, List.of(first), "1e400"), 400, first));
        }
        for (List<String> at : wholeNumbers.subList(0, Math.min(2, wholeNumbers.size()))) {
            String field = String.join(".", at).replace(".[", "[");
            variants.add(new Hostile("fraction for " + field, "application/json", with(valid, at, "1.5"), 400, field));
            variants.add(new Hostile("1.0 for " + field, "application/json", with(valid, at, "1.0"), 400, field));
            variants.add(new Hostile("huge exponent for " + field, "application/json", with(valid, at, "1e400"), 400, field));
            variants.add(new Hostile("tiny exponent for " + field, "application/json", with(valid, at, "1e-400"), 400, field));
            variants.add(new Hostile("string for " + field, "application/json", with(valid, at, "\"7\""), 400, field));
        }
        return variants;
    }

    /** The token endpoint's form: bad escapes, a parameter twice, no grant_type, binary junk, no Content-Type. */
    private static List<Hostile> formVariants() {
        String form = "application/x-www-form-urlencoded";
        return List.of(
                new Hostile("bad percent-encoding", form, "grant_type=client_%ZZcredentials&client_id=a&client_secret=b", 400, "grant_type"),
                new Hostile("parameter twice", form, "grant_type=client_credentials&grant_type=refresh_token", 400, "grant_type"),
                new Hostile("no grant_type", form, "client_id=a&client_secret=b", 400, "grant_type"),
                new Hostile("not UTF-8", form + "; charset=ISO-8859-1", "grant_type=client_credentials&client_id=%E9t%E9", 400, "client_id"),
                new Hostile("control characters", form, "\u0000\u0001=%00&&=&%", 400, null),
                new Hostile("no Content-Type", null, "grant_type=client_credentials&client_id=a&client_secret=b", 415, null));
    }

    /** Paths to the whole-number properties of a body, as far as the body has the objects and arrays holding them. */
    private static void wholeNumbers(JsonNode node, Map<String, Object> schema, List<String> at, List<List<String>> found) {
        Map<String, Object> resolved = resolve(schema);
        if ("integer".equals(resolved.get("type"))) {
            found.add(List.copyOf(at));
        } else if (node instanceof ObjectNode object) {
            map(resolved.get("properties")).forEach((name, property) -> {
                List<String> next = new ArrayList<>(at);
                next.add(name);
                boolean topLevelInteger = at.isEmpty() && "integer".equals(resolve(map(property)).get("type"));
                if (object.has(name) || topLevelInteger) {
                    wholeNumbers(object.has(name) ? object.get(name) : object, map(property), next, found);
                }
            });
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            List<String> next = new ArrayList<>(at);
            next.add("[0]");
            wholeNumbers(array.get(0), map(resolved.get("items")), next, found);
        }
    }

    /** The body with the value at {@code at} replaced by (or set to) the literal JSON {@code value}. */
    private static String with(ObjectNode valid, List<String> at, String value) {
        String marker = "hostile-" + UUID.randomUUID();
        ObjectNode copy = valid.deepCopy();
        JsonNode parent = copy;
        for (String step : at.subList(0, at.size() - 1)) {
            parent = step.equals("[0]") ? parent.get(0) : parent.get(step);
        }
        String last = at.get(at.size() - 1);
        if (last.equals("[0]")) {
            ((ArrayNode) parent).set(0, TextNode.valueOf(marker));
        } else {
            ((ObjectNode) parent).put(last, marker);
        }
        return copy.toString().replace("\"" + marker + "\"", value);
    }

    /** What a successful call would have changed: the record it changes, or the list it adds to, read back whole. */
    private static String stored(Operation operation, OperationCalls.Call call, Actor sender) {
        String key = operation.key();
        if (key.startsWith("POST /api/v1/auth/")) {
            return ""; // nothing to store but a session, which a refused call does not open
        }
        if (key.equals("POST /api/v1/progress-entries")) {
            return String.valueOf(fixture.as(sender).when().get("/api/v1/progress-entries/{id}", ((Map<?, ?>) call.body()).get("id")).statusCode());
        }
        if (key.equals("POST /api/v1/reviews")) {
            return allPages(sender, "/api/v1/clients/" + fixture.client.id() + "/reviews");
        }
        if (operation.method().equals("post")) {
            return allPages(sender, operation.path());
        }
        return fixture.as(sender).when().get(path(operation.path(), call.pathParams())).then().statusCode(200).extract().asString();
    }

    private static String allPages(Actor reader, String path) {
        List<Object> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = (cursor == null ? fixture.as(reader) : fixture.as(reader).queryParam("cursor", cursor))
                    .queryParam("limit", 100).when().get(path).then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return items.toString();
    }

    private static Map<String, Object> schema(JsonPath document, Map<String, Object> content) {
        schemas = document.getMap("components.schemas");
        return map(map(content.get("application/json")).get("schema"));
    }

    private static Map<String, Map<String, Object>> schemas;

    private static Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema.get("$ref") instanceof String ref) {
            return resolve(map(schemas.get(ref.substring(ref.lastIndexOf('/') + 1))));
        }
        if (schema.get("allOf") instanceof List<?> parts && !parts.isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>(schema);
            Map<String, Object> properties = new LinkedHashMap<>();
            parts.forEach(part -> {
                Map<String, Object> one = resolve(map(part));
                merged.putIfAbsent("type", one.get("type"));
                properties.putAll(map(one.get("properties")));
                merged.putIfAbsent("items", one.get("items"));
            });
            properties.putAll(map(schema.get("properties")));
            merged.put("properties", properties);
            return merged;
        }
        return schema;
    }

    /** The headers a call adds besides its body, such as If-Match. */
    private static Map<String, String> extraHeaders(OperationCalls.Call call) {
        FilterableRequestSpecification spec = (FilterableRequestSpecification) call.extra().apply(RestAssured.given());
        Map<String, String> headers = new LinkedHashMap<>();
        spec.getHeaders().forEach(header -> headers.put(header.getName(), header.getValue()));
        headers.remove("Content-Type");
        headers.remove("Accept");
        return headers;
    }

    private static String path(String template, Map<String, Object> parameters) {
        String path = template;
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", String.valueOf(parameter.getValue()));
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static void fieldError(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
