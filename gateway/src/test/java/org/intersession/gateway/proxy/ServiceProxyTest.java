package org.intersession.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.intersession.gateway.auth.TokenIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ServiceProxyTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    TokenIssuer issuer;

    private String token;

    @BeforeEach
    void issueToken() {
        token = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST");
    }

    @Test
    void aListedRouteIsForwardedWithTokenQueryAndARequestId() {
        given().auth().oauth2(token).queryParam("status", "ACTIVE")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .when().get("/api/v1/assignments/abc")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body("traceparent", equalTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .header("X-Upstream", "echo")
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/v1/assignments/abc?status=ACTIVE"))
                .body("authorization", equalTo("Bearer " + token))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"))
                .body("forwardedFor", notNullValue());
    }

    @Test
    void aForwardedAnswerCarriesEachHeaderOnceAndALocationAtTheGateway() {
        for (String path : List.of("/api/v1/assignments/abc", "/api/v1/progress-entries")) {
            Response answer = given().auth().oauth2(token).when().get(path);
            answer.then().statusCode(200).header("Cache-Control", "no-store");
            List<String> doubled = answer.headers().asList().stream().map(Header::getName).distinct()
                    .filter(name -> answer.headers().getValues(name).size() > 1)
                    .map(name -> name + ": " + answer.headers().getValues(name)).toList();
            assertEquals(List.of(), doubled, path);
            assertEquals("http://localhost:" + RestAssured.port + path + "/created", answer.header("Location"));
        }
    }

    /** A chunked body, even an empty one, is a body: without Content-Type a service answers it with a 415. */
    @Test
    void aRequestWithoutABodyIsForwardedWithoutOne() {
        given().auth().oauth2(token).when().get("/api/v1/assignments/abc")
                .then().statusCode(200).body("transferEncoding", nullValue()).body("body", equalTo(""));
        given().auth().oauth2(token).when().post("/api/v1/assignments/abc/acknowledge")
                .then().statusCode(200).body("method", equalTo("POST")).body("transferEncoding", nullValue()).body("body", equalTo(""));
    }

    @Test
    void aRequestBodyIsStreamedToTheService() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"status\":\"DONE\"}")
                .header("X-Request-Id", "mobile-42")
                .when().post("/api/v1/progress-entries")
                .then().statusCode(200)
                .header("X-Request-Id", "mobile-42")
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"status\":\"DONE\"}"))
                .body("requestId", equalTo("mobile-42"));
    }

    @Test
    void nothingIsForwardedWithoutAValidToken() {
        given().when().get("/api/v1/assignments")
                .then().statusCode(401).contentType(PROBLEM).header("X-Upstream", nullValue());

        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        given().auth().oauth2(forged).when().get("/api/v1/assignments")
                .then().statusCode(401).contentType(PROBLEM).header("X-Upstream", nullValue());
    }

    @Test
    void aClientScopedCollectionIsForwardedButTheCareTeamStaysAtTheGateway() {
        UUID client = UUID.randomUUID();
        given().auth().oauth2(token).when().get("/api/v1/clients/{id}/reviews", client)
                .then().statusCode(200).header("X-Upstream", "echo").body("uri", equalTo("/api/v1/clients/" + client + "/reviews"));
        given().auth().oauth2(token).when().put("/api/v1/clients/{id}/care-team/{t}", client, UUID.randomUUID())
                .then().header("X-Upstream", nullValue());
    }

    @Test
    void anUnlistedPathIsA404EvenWithAToken() {
        given().auth().oauth2(token).when().get("/api/v1/assignmentsX")
                .then().statusCode(404).contentType(PROBLEM).header("X-Upstream", nullValue());
        given().auth().oauth2(token).when().get("/api/v1/internal/metrics")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aServiceThatDoesNotAnswerIsA503Problem() {
        given().auth().oauth2(token).when().get("/api/v1/notifications")
                .then().statusCode(503).contentType(PROBLEM).header("Retry-After", "5")
                .body("status", equalTo(503));
    }

    @Test
    void aStoppedInstanceIsPassedOverForTheNextOne() {
        // the progress upstream lists a closed port before the echo; every request must still reach the echo
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(token).when().get("/api/v1/adherence/clients/" + UUID.randomUUID())
                    .then().statusCode(200).header("X-Upstream", "echo");
        }
    }
}
