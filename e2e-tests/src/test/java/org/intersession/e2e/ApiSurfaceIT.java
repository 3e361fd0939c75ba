package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.intersession.e2e.PublicOperations.Operation;
import org.intersession.e2e.SecurityFixture.Actor;
import org.intersession.e2e.SecurityFixture.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OWASP API9 (inventory: what the gateway serves is what the document says, and nothing service-internal) and API8
 * (misconfiguration: no stack traces, framework banners or cacheable answers; no Swagger UI, dev UI or metrics
 * at the edge in production, which is how the packaged services run here).
 */
class ApiSurfaceIT {

    /** The problem details of a path nothing serves, at the gateway and in every service. */
    private static final List<String> UNKNOWN_ROUTE_DETAILS = List.of("HTTP 404 Not Found", "No resource at this path");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}/]+}");
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "org.intersession", "java.", "com.fasterxml",
            "io.quarkus", "io.vertx", "io.smallrye", "org.hibernate", "org.jboss", "Quarkus", "Vert.x", "RESTEasy");

    private static SecurityFixture fixture;

    @BeforeAll
    static void setUp() {
        fixture = SecurityFixture.get();
    }

    @Test
    void everyDocumentedOperationIsServedByTheGateway() {
        List<Operation> operations = PublicOperations.of(PublicOperations.document(fixture.gateway));
        List<String> unserved = new ArrayList<>();
        for (Operation operation : operations) {
            String path = PATH_PARAMETER.matcher(operation.path()).replaceAll(m -> m.group().equals("{version}") ? "1" : UUID.randomUUID().toString());
            // a body only where the operation takes one: the contract check refuses a body sent to any other
            var request = operation.spec().get("requestBody") == null ? fixture.as(Actor.ADMIN)
                    : fixture.as(Actor.ADMIN).contentType(ContentType.JSON).body("{}");
            Answer answer = OperationCalls.STREAMS.contains(operation.key()) ? fixture.stream(Actor.ADMIN, path)
                    : Answer.of(request.when().request(operation.method().toUpperCase(Locale.ROOT), path));
            boolean unknownRoute = answer.status() == 404 && UNKNOWN_ROUTE_DETAILS.stream().anyMatch(answer.body()::contains);
            if (unknownRoute || answer.status() == 405) {
                unserved.add(operation.key() + " -> " + answer.status() + " " + answer.body());
            }
        }
        System.out.printf("Inventory: %d documented operations served%n", operations.size());
        assertTrue(unserved.isEmpty(), "documented but not served:\n" + String.join("\n", unserved));
    }

    @Test
    void serviceInternalPathsAreNotReachableThroughTheGateway() {
        List<String> probes = new ArrayList<>(List.of("/q/metrics", "/q/health", "/q/health/group", "/q/dev-ui", "/q/dev-ui/",
                "/q/swagger-ui/", "/q/arc", "/q/openapi", "/q/openapi?format=json", "/api/v1/assignments/%2e%2e/%2e%2e/%2e%2e/q/metrics"));
        for (String prefix : List.of("/api/v1/assignments", "/api/v1/progress-entries", "/api/v1/notifications",
                "/api/v1/clients/" + fixture.client.id() + "/reviews")) {
            probes.add(prefix + "/..%2F..%2F..%2Fq%2Fmetrics");
            probes.add(prefix + "/..%2F..%2F..%2Fq%2Fopenapi");
            probes.add(prefix + "/%2e%2e/%2e%2e/%2e%2e/q/openapi");
            probes.add(prefix + "/../../../q/health");
        }
        List<String> reached = new ArrayList<>();
        for (String probe : probes) {
            Response response = fixture.as(Actor.ADMIN).urlEncodingEnabled(false).when().get(probe);
            String body = response.asString();
            // only the merged /openapi is public: the gateway's own partial /q/openapi is not served either
            boolean internal = body.contains("jvm_") || body.contains("\"checks\"") || body.contains("Intersession assignment-service")
                    || body.contains("Intersession progress-service") || body.contains("Intersession notification-service")
                    || body.contains("openapi:") || body.contains("\"openapi\"");
            if (response.statusCode() < 400 || internal) {
                reached.add(probe + " -> " + response.statusCode());
            }
        }
        // load balancers ask for readiness and liveness; both say only UP or DOWN
        given().baseUri(fixture.gateway).when().get("/q/health/ready").then().statusCode(200);
        assertTrue(reached.isEmpty(), "service-internal paths reachable at the gateway:\n" + String.join("\n", reached));
    }

    @Test
    void noErrorOfAnyKindCarriesAStackTraceABannerOrACacheableAnswer() {
        Map<String, Response> errors = new LinkedHashMap<>();
        errors.put("401 no token", fixture.as(Actor.ANONYMOUS).when().get("/api/v1/assignments"));
        errors.put("401 forged token", given().baseUri(fixture.gateway).auth().oauth2(fixture.client.token() + "x")
                .when().get("/api/v1/notifications"));
        errors.put("403 role", fixture.as(Actor.CLIENT).when().get("/api/v1/templates"));
        errors.put("404 unknown route", fixture.as(Actor.ADMIN).when().get("/api/v1/nothing-here"));
        errors.put("404 unknown route outside /api", fixture.as(Actor.ADMIN).when().get("/nothing-here"));
        errors.put("404 unknown id", fixture.as(Actor.ADMIN).when().get("/api/v1/assignments/{id}", UUID.randomUUID()));
        errors.put("404 malformed id", fixture.as(Actor.ADMIN).when().get("/api/v1/assignments/not-a-uuid"));
        errors.put("405 method", fixture.as(Actor.ADMIN).when().delete("/api/v1/notifications"));
        for (String path : List.of("/api/v1/users", "/api/v1/assignments", "/api/v1/progress-entries", "/api/v1/templates")) {
            errors.put("400 malformed JSON " + path, fixture.as(Actor.THERAPIST).contentType(ContentType.JSON).body("{\"title\": ")
                    .when().post(path));
            errors.put("400 wrong type " + path, fixture.as(Actor.THERAPIST).contentType(ContentType.JSON).body("{\"clientId\": [1]}")
                    .when().post(path));
            errors.put("415 content type " + path, fixture.as(Actor.THERAPIST).contentType(ContentType.XML).body("<a/>")
                    .when().post(path));
        }
        errors.put("400 unknown property", fixture.as(Actor.CLIENT).contentType(ContentType.JSON)
                .body("{\"channels\":[\"IN_APP\"],\"clinicId\":\"" + UUID.randomUUID() + "\"}").when().put("/api/v1/notification-preferences"));
        errors.put("413 body", fixture.as(Actor.THERAPIST).contentType(ContentType.JSON).body("{\"title\":\"" + "x".repeat(1_100_000) + "\"}")
                .when().post("/api/v1/assignments"));
        errors.put("400 bad query", fixture.as(Actor.ADMIN).when().get("/api/v1/users?limit=100000"));
        errors.put("429 rate limit", anonymousUntilLimited());

        List<String> bad = new ArrayList<>();
        errors.forEach((kind, response) -> {
            List<String> problems = new ArrayList<>();
            if (response.statusCode() < 400) {
                problems.add("not an error: " + response.statusCode());
            }
            for (String header : List.of("Server", "X-Powered-By", "X-AspNet-Version", "Via")) {
                if (response.getHeader(header) != null) {
                    problems.add(header + ": " + response.getHeader(header));
                }
            }
            // personal data lives under /api: those answers are never stored, errors included
            boolean api = !kind.contains("outside /api");
            if (api && !"no-store".equals(response.getHeader("Cache-Control"))) {
                problems.add("Cache-Control: " + response.getHeader("Cache-Control"));
            }
            String contentType = String.valueOf(response.contentType());
            if (!contentType.startsWith("application/problem+json")) {
                problems.add("Content-Type: " + contentType);
            }
            String body = response.asString();
            LEAKS.stream().filter(body::contains).forEach(leak -> problems.add("body contains '" + leak + "'"));
            if (!problems.isEmpty()) {
                bad.add(kind + " (" + response.statusCode() + "): " + problems + " " + abbreviated(body));
            }
        });
        System.out.printf("Misconfiguration: %d kinds of error checked%n", errors.size());
        assertTrue(bad.isEmpty(), "error responses that say too much or may be cached:\n" + String.join("\n", bad));
    }

    @Test
    void apiAnswersOfEveryServiceAreNeverStored() {
        List<String> cacheable = new ArrayList<>();
        for (String path : List.of("/api/v1/users", "/api/v1/assignments", "/api/v1/adherence/caseload",
                "/api/v1/notifications", "/api/v1/clients/" + fixture.client.id() + "/reviews")) {
            Response response = fixture.as(Actor.THERAPIST).when().get(path);
            if (response.statusCode() != 200 || !"no-store".equals(response.getHeader("Cache-Control"))
                    || response.getHeader("Server") != null || response.getHeader("X-Powered-By") != null) {
                cacheable.add(path + " -> " + response.statusCode() + " Cache-Control: " + response.getHeader("Cache-Control")
                        + " Server: " + response.getHeader("Server"));
            }
        }
        assertTrue(cacheable.isEmpty(), String.join("\n", cacheable));
    }

    /** Anonymous requests from one address of their own until the gateway's budget for it runs out. */
    private static Response anonymousUntilLimited() {
        SecurityFixture f = fixture;
        for (int i = 0; i < 500; i++) {
            Response response = f.fromSpareAddress().when().get("/api/v1/assignments");
            if (response.statusCode() == 429) {
                return response;
            }
        }
        throw new AssertionError("no 429 after 500 anonymous requests from one address");
    }

    private static String abbreviated(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
