package org.intersession.e2e;

import io.restassured.http.ContentType;
import org.intersession.launcher.ServiceSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Deactivating a user, or a logout, stops the access tokens concerned within seconds on the gateway and on every
 * service, called directly too, not 15 minutes later when they expire.
 */
class AccessRevocationIT {

    /** One read each place answers a client with 200 while the token is good. */
    private static final Map<ServiceSpec, String> READS = Map.of(
            ServiceSpec.GATEWAY, "/api/v1/assignments",
            ServiceSpec.ASSIGNMENT, "/api/v1/assignments",
            ServiceSpec.PROGRESS, "/api/v1/adherence/caseload",
            ServiceSpec.NOTIFICATION, "/api/v1/notifications");

    private static RunningStack platform;

    @BeforeAll
    static void startPlatform() {
        platform = RunningStack.get();
    }

    @Test
    void aDeactivatedClientsTokenIsRefusedEverywhereWithinSeconds() {
        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person client = clinic.client("Europe/Berlin");
        ClinicApi.Person therapist = clinic.therapist();
        clinic.link(client, therapist);
        List<ServiceSpec> places = List.of(ServiceSpec.GATEWAY, ServiceSpec.ASSIGNMENT, ServiceSpec.NOTIFICATION);
        places.forEach(place -> read(place, client.token(), 200));

        given().baseUri(platform.gatewayUrl()).auth().oauth2(clinic.admin().token())
                .when().post("/api/v1/users/{id}/deactivate", client.id()).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> places.forEach(place -> read(place, client.token(), 401)));
        read(ServiceSpec.GATEWAY, therapist.token(), 200);
    }

    @Test
    void aLogoutEndsThatSessionsTokensEverywhereAndNoOther() {
        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person therapist = clinic.therapist();
        Map<String, String> phone = login(therapist);
        Map<String, String> laptop = login(therapist);
        List<ServiceSpec> places = List.of(ServiceSpec.GATEWAY, ServiceSpec.ASSIGNMENT, ServiceSpec.PROGRESS,
                ServiceSpec.NOTIFICATION);
        places.forEach(place -> read(place, phone.get("access_token"), 200));

        given().baseUri(platform.gatewayUrl()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", phone.get("refresh_token")))
                .when().post("/api/v1/auth/logout").then().statusCode(204);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                places.forEach(place -> read(place, phone.get("access_token"), 401)));
        places.forEach(place -> read(place, laptop.get("access_token"), 200));
    }

    private static Map<String, String> login(ClinicApi.Person person) {
        io.restassured.path.json.JsonPath tokens = given().baseUri(platform.gatewayUrl()).contentType(ContentType.JSON)
                .body(Map.of("email", person.email(), "password", ClinicApi.PASSWORD))
                .when().post("/api/v1/auth/login").then().statusCode(200).extract().jsonPath();
        return Map.of("access_token", tokens.getString("access_token"), "refresh_token", tokens.getString("refresh_token"));
    }

    private static void read(ServiceSpec place, String token, int status) {
        String base = place == ServiceSpec.GATEWAY ? platform.gatewayUrl() : platform.stack().url(place);
        given().baseUri(base).auth().oauth2(token).when().get(READS.get(place)).then().statusCode(status);
    }
}
