package org.intersession.e2e;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** The gateway serves one OpenAPI document for every public route, its own and the services'. */
class PublicApiDocumentIT {

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
}
