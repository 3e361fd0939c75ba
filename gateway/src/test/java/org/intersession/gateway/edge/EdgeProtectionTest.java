package org.intersession.gateway.edge;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.intersession.gateway.auth.TokenIssuer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Rate limits and body size at the edge, with small limits so they are reached quickly. */
@QuarkusTest
@TestProfile(EdgeProtectionTest.SmallLimits.class)
class EdgeProtectionTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("intersession.edge.requests-per-minute", "5",
                    "intersession.edge.auth-requests-per-minute", "3",
                    "intersession.edge.anonymous-requests-per-minute", "4",
                    "intersession.edge.public-requests-per-minute", "6",
                    "intersession.edge.max-body-bytes", "2048",
                    "quarkus.http.cors.origins", "https://app.clinic.test");
        }
    }

    @Inject
    TokenIssuer issuer;

    @Test
    void aPrincipalOverItsBudgetGets429WithRateLimitHeaders() {
        String token = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST");
        given().auth().oauth2(token).when().get("/api/v1/users")
                .then().statusCode(200)
                .header("RateLimit-Policy", "\"principal\";q=5;w=60")
                .header("RateLimit", matchesPattern("\"principal\";r=\\d+;t=\\d+"));

        Response limited = untilLimited(5, () -> given().auth().oauth2(token).when().get("/api/v1/users"));
        limited.then().contentType("application/problem+json").body("status", equalTo(429))
                .header("Retry-After", notNullValue())
                .header("RateLimit", matchesPattern("\"principal\";r=0;t=\\d+"));

        // another principal still has its own budget
        given().auth().oauth2(issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST"))
                .when().get("/api/v1/users").then().statusCode(200);
    }

    @Test
    void theAuthenticationEndpointsHaveAStricterBudgetPerAddress() {
        Response limited = untilLimited(3, () -> given().contentType(ContentType.JSON)
                .body(Map.of("email", "nobody-" + UUID.randomUUID() + "@clinic.test", "password", "irrelevant"))
                .when().post("/api/v1/auth/login"));
        limited.then().header("RateLimit-Policy", "\"auth\";q=3;w=60");
    }

    /** A token that fails verification buys nothing: it spends its address's anonymous budget, on every kind of route. */
    @Test
    void requestsWithBadTokensCountAgainstTheirAddress() {
        String valid = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST");
        String badSignature = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA";
        for (String path : new String[] {"/api/v1/assignments/" + UUID.randomUUID(), "/api/v1/users"}) {
            for (String token : new String[] {badSignature, "not-a-jwt", valid + "x"}) {
                given().auth().oauth2(token).when().get(path)
                        .then().statusCode(org.hamcrest.Matchers.oneOf(401, 429))
                        .contentType("application/problem+json")
                        .header("RateLimit-Policy", "\"anonymous\";q=4;w=60")
                        .header("RateLimit", matchesPattern("\"anonymous\";r=\\d+;t=\\d+"));
            }
            Response limited = untilLimited(4, () -> given().auth().oauth2(badSignature).when().get(path));
            limited.then().contentType("application/problem+json").body("status", equalTo(429))
                    .header("Retry-After", notNullValue());
        }
    }

    /** What is public without a token (the API document, the key set) still spends the address's budget. */
    @Test
    void theApiDocumentAndTheKeySetAreLimitedPerAddressButHealthProbesAreNot() {
        for (String path : new String[] {"/openapi", "/.well-known/jwks.json"}) {
            Response limited = untilLimited(6, () -> given().when().get(path));
            limited.then().contentType("application/problem+json").header("Retry-After", notNullValue())
                    .header("RateLimit-Policy", "\"public\";q=6;w=60");
        }
        for (int i = 0; i < 10; i++) {
            given().when().get("/q/health/live").then().statusCode(200);
        }
    }

    @Test
    void anOversizedBodyIsA413AndAStreamedOneNeedsALength() {
        String token = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"" + "x".repeat(4096) + "\"}")
                .when().post("/api/v1/assignments")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void aStreamedBodyWithoutALengthIsCutOffAtTheLimit() throws Exception {
        String token = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST");
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/assignments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                // an InputStream body has no known length, so it is sent chunked
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(("{\"title\":\"" + "x".repeat(4096) + "\"}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(413, response.statusCode());
        org.junit.jupiter.api.Assertions.assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aSmallStreamedBodyStillReachesTheService() throws Exception {
        String token = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST");
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/assignments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream("{\"title\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode());
        // the client sent no length, so the 413 of the larger body above came from counting the stream
        org.junit.jupiter.api.Assertions.assertTrue(response.body().contains("\"contentLength\":null"), response.body());
        org.junit.jupiter.api.Assertions.assertTrue(response.body().contains("{\\\"title\\\":\\\"x\\\"}"), response.body());
    }

    @Test
    void onlyConfiguredOriginsMayCallFromABrowser() {
        given().header("Origin", "https://app.clinic.test").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/assignments")
                .then().header("Access-Control-Allow-Origin", "https://app.clinic.test");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/assignments")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    /** Sends until a 429 comes; a minute boundary may reset the window once, so allow twice the budget. */
    private static Response untilLimited(int budget, Supplier<Response> request) {
        for (int i = 0; i <= 2 * budget + 1; i++) {
            Response response = request.get();
            if (response.statusCode() == 429) {
                return response;
            }
        }
        assertNotNull(null, "no 429 within " + (2 * budget + 2) + " requests for a budget of " + budget);
        return null;
    }
}
