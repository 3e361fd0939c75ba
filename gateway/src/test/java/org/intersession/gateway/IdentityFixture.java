package org.intersession.gateway;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Builds real identities through the public API: a clinic via the operator, then users who accept their invitations. */
public final class IdentityFixture {

    public static final String OPERATOR_EMAIL = "operator@intersession.local";
    public static final String OPERATOR_PASSWORD = "operator-test-password";
    public static final String PASSWORD = "correct horse battery";

    private IdentityFixture() {
    }

    public record Member(UUID id, String email, String accessToken, String refreshToken) {
    }

    public record ClinicWithAdmin(UUID clinicId, Member admin) {
    }

    public static String operatorToken() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", OPERATOR_EMAIL, "password", OPERATOR_PASSWORD))
                .when().post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("access_token");
    }

    public static ClinicWithAdmin newClinic() {
        String email = "admin-" + UUID.randomUUID() + "@clinic.test";
        io.restassured.path.json.JsonPath created = given().auth().oauth2(operatorToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clinic " + UUID.randomUUID(), "admin", Map.of("email", email, "displayName", "Admin")))
                .when().post("/api/v1/clinics")
                .then().statusCode(201).extract().jsonPath();
        Member admin = accept(UUID.fromString(created.getString("admin.user.id")), email, created.getString("admin.invitationToken"));
        return new ClinicWithAdmin(UUID.fromString(created.getString("clinic.id")), admin);
    }

    public static Member therapist(ClinicWithAdmin clinic) {
        return invite(clinic, "THERAPIST", null);
    }

    public static Member client(ClinicWithAdmin clinic) {
        return invite(clinic, "CLIENT", Map.of("timeZone", "Europe/Berlin"));
    }

    public static Member invite(ClinicWithAdmin clinic, String role, Map<String, Object> profile) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@clinic.test";
        Map<String, Object> body = profile == null
                ? Map.of("email", email, "displayName", role + " user", "role", role)
                : Map.of("email", email, "displayName", role + " user", "role", role, "profile", profile);
        io.restassured.path.json.JsonPath created = given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/users")
                .then().statusCode(201).extract().jsonPath();
        return accept(UUID.fromString(created.getString("user.id")), email, created.getString("invitationToken"));
    }

    public static void link(ClinicWithAdmin clinic, Member client, Member therapist) {
        given().auth().oauth2(clinic.admin().accessToken())
                .when().put("/api/v1/clients/{c}/care-team/{t}", client.id(), therapist.id())
                .then().statusCode(201);
    }

    private static Member accept(UUID id, String email, String invitationToken) {
        io.restassured.path.json.JsonPath tokens = given().contentType(ContentType.JSON)
                .body(Map.of("token", invitationToken, "password", PASSWORD))
                .when().post("/api/v1/auth/accept-invitation")
                .then().statusCode(200).extract().jsonPath();
        return new Member(id, email, tokens.getString("access_token"), tokens.getString("refresh_token"));
    }
}
