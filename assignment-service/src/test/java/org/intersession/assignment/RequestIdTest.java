package org.intersession.assignment;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class RequestIdTest {

    /** Exists only in the test build: reports the request id every log line of this request carries. */
    @Path("/test-only/logging-context")
    public static class LoggingContextResource {
        @GET
        public String requestId() {
            return String.valueOf(MDC.get("requestId"));
        }
    }

    @Test
    void theGatewaysRequestIdIsAnsweredAndInTheLoggingContext() {
        given().header("X-Request-Id", "gw-1234").when().get("/test-only/logging-context")
                .then().statusCode(200).header("X-Request-Id", "gw-1234").body(equalTo("gw-1234"));
    }

    @Test
    void aMissingOrUnsafeRequestIdIsReplaced() {
        given().header("X-Request-Id", "<script>").when().get("/test-only/logging-context")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body(matchesPattern("[0-9a-f-]{36}"));
    }
}
