package org.intersession.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.intersession.testing.HttpEdgeChecks;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

/** Errors the gateway answers below its REST resources are problems too (issue 18, finding 9). */
@QuarkusTest
class ProblemDetailsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void everyHttpLimitIsAnsweredAsAProblem() {
        HttpEdgeChecks.everyLimitIsAnsweredAsAProblem("/api/v1/users", IdentityFixture.newClinic().admin().accessToken());
    }

    @Test
    void aBrowserRequestFromAnOriginThatIsNotAllowedIsA403Problem() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/users")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        given().header("Origin", "https://evil.example")
                .when().get("/api/v1/users")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        // the gateway's own origin is allowed: the request goes on, and fails only for want of a token
        given().header("Origin", "http://localhost:" + RestAssured.port)
                .when().get("/api/v1/users")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void theGatewaysOwnPartialDocumentAndMetricsAreNotServedButTheMergedDocumentIs() {
        for (String path : new String[] {"/q/openapi", "/q/openapi?format=json", "/q/metrics", "/q/health"}) {
            given().when().get(path).then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
        }
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/openapi").then().statusCode(200).body("paths", hasKey("/api/v1/auth/login"));
    }
}
