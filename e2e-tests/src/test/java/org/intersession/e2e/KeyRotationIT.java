package org.intersession.e2e;

import io.restassured.http.ContentType;
import org.intersession.launcher.Stack;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** A signing-key rotation reaches the running services through the JWKS, with no restart and old tokens still valid. */
class KeyRotationIT {

    @Test
    void servicesAcceptTokensOfTheNewKeyWithoutARestart() {
        RunningStack platform = RunningStack.get();
        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person therapist = clinic.therapist();
        clinic.as(therapist).when().get("/api/v1/notifications").then().statusCode(200);

        String operator = given().baseUri(platform.gatewayUrl()).contentType(ContentType.JSON)
                .body(Map.of("email", Stack.OPERATOR_EMAIL, "password", RunningStack.OPERATOR_PASSWORD))
                .when().post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
        given().baseUri(platform.gatewayUrl()).auth().oauth2(operator)
                .when().post("/api/v1/signing-keys/rotate").then().statusCode(200);

        String fresh = given().baseUri(platform.gatewayUrl()).contentType(ContentType.JSON)
                .body(Map.of("email", therapist.email(), "password", ClinicApi.PASSWORD))
                .when().post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");

        // notification-service meets an unknown kid and refetches the gateway's JWKS
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().baseUri(platform.gatewayUrl()).auth().oauth2(fresh)
                .when().get("/api/v1/notifications").then().statusCode(200));
        clinic.as(therapist).when().get("/api/v1/notifications").then().statusCode(200);
    }
}
