package org.intersession.assignment;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.intersession.testing.HttpEdgeChecks;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ProblemDetailsTest {

    /** Exists only in the test build: a resource with a bug in it. */
    @Path("/test-only/failing")
    public static class FailingResource {
        @GET
        public String fail() {
            throw new IllegalStateException("secret internal detail at org.intersession.Secret");
        }
    }

    /** Exists only in the test build: a route below the REST layer with a bug in it. */
    public static class FailingRoute {
        void register(@Observes Router router) {
            router.get("/test-only/failing-route").handler(ctx -> {
                throw new IllegalStateException("secret internal detail at org.intersession.Secret");
            });
        }
    }

    @Test
    void aFailureBelowTheRestLayerIsA500ProblemWithoutInternals() {
        given().when().get("/test-only/failing-route")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("status", equalTo(500))
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void anUnexpectedErrorIsA500ProblemWithoutInternals() {
        given().auth().oauth2(TestTokens.therapist(UUID.randomUUID(), UUID.randomUUID()))
                .when().get("/test-only/failing")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("status", equalTo(500))
                .body("title", equalTo("Internal Server Error"))
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("org.intersession")));
    }

    @Test
    void everyHttpLimitIsAnsweredAsAProblem() {
        HttpEdgeChecks.everyLimitIsAnsweredAsAProblem("/api/v1/assignments", TestTokens.therapist(UUID.randomUUID(), UUID.randomUUID()));
    }
}
