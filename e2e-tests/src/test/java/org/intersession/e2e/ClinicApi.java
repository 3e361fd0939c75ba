package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.intersession.launcher.Stack;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What a clinic app does to set itself up, through the gateway only: a clinic, its people, their care teams. */
final class ClinicApi {

    static final String PASSWORD = "a long enough passphrase";

    record Person(UUID id, String email, String token) {
    }

    /** How an invited person comes by their invitation code. */
    @FunctionalInterface
    interface Invitations {

        /** The clinic app passes on the code from the API's answer, as most tests do. */
        Invitations FROM_ANSWER = (email, answered) -> answered;

        String code(String email, String answered);
    }

    private final String gateway;
    private final UUID id;
    private final Person admin;
    private final Invitations invitations;

    ClinicApi(String gateway, UUID id, Person admin, Invitations invitations) {
        this.gateway = gateway;
        this.id = id;
        this.admin = admin;
        this.invitations = invitations;
    }

    /** The operator creates a clinic; its first admin accepts the invitation. */
    static ClinicApi newClinic(RunningStack platform) {
        return newClinic(platform.gatewayUrl(), RunningStack.OPERATOR_PASSWORD);
    }

    /** The same on another platform, such as the fault suite's own. */
    static ClinicApi newClinic(String gateway, String operatorPassword) {
        return newClinic(gateway, operatorPassword, Invitations.FROM_ANSWER);
    }

    static ClinicApi newClinic(String gateway, String operatorPassword, Invitations invitations) {
        String operator = login(gateway, Stack.OPERATOR_EMAIL, operatorPassword);
        String email = "admin-" + UUID.randomUUID() + "@clinic.test";
        JsonPath created = given().baseUri(gateway).auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("name", "Riverside Practice", "admin", Map.of("email", email, "displayName", "Alex Admin")))
                .when().post("/api/v1/clinics").then().statusCode(201).extract().jsonPath();
        String code = invitations.code(email, created.getString("admin.invitationToken"));
        return new ClinicApi(gateway, UUID.fromString(created.getString("clinic.id")),
                accept(gateway, created.getString("admin.user.id"), email, code), invitations);
    }

    UUID id() {
        return id;
    }

    /**
     * Logs in with a password and returns the access token. Login is rate-limited per address, so a refusal with 429
     * is waited out as its Retry-After says.
     */
    static String login(String gateway, String email, String password) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> given().baseUri(gateway)
                        .contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                        .when().post("/api/v1/auth/login").then().extract().response(),
                response -> {
                    if (response.statusCode() != 429) {
                        response.then().statusCode(200);
                        return true;
                    }
                    return false;
                }).path("access_token");
    }

    /** Someone who accepted their invitation earlier, logged in again. */
    static Person loginAgain(String gateway, UUID id, String email) {
        return new Person(id, email, login(gateway, email, PASSWORD));
    }

    Person admin() {
        return admin;
    }

    Person therapist() {
        return invite(Map.of("displayName", "Dr. Tara", "role", "THERAPIST"));
    }

    Person client(String timeZone) {
        return invite(Map.of("displayName", "Casey", "role", "CLIENT", "profile", Map.of("timeZone", timeZone)));
    }

    void link(Person client, Person therapist) {
        given().baseUri(gateway).auth().oauth2(admin.token())
                .when().put("/api/v1/clients/{c}/care-team/{t}", client.id(), therapist.id()).then().statusCode(201);
    }

    /**
     * The therapist gives the client a daily 20:00 thought record from {@code start}; retried until assignment-service
     * has learned of the care team from the gateway's events. @return the assignment id
     */
    String assignDailyThoughtRecord(Person therapist, Person client, LocalDate start) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> as(therapist).contentType(ContentType.JSON)
                        .body(Map.of("clientId", client.id(), "title", "Daily thought record",
                                "instructions", "Write down the situation, the thought and the feeling.",
                                "rationale", "Catching automatic thoughts is the first step to testing them.",
                                "schedule", Map.of("type", "RECURRING", "start", start + "T20:00", "rrule", "FREQ=DAILY")))
                        .when().post("/api/v1/assignments").then().extract(),
                response -> response.statusCode() == 201).path("id");
    }

    RequestSpecification as(Person person) {
        return given().baseUri(gateway).auth().oauth2(person.token());
    }

    private Person invite(Map<String, Object> user) {
        String email = UUID.randomUUID() + "@clinic.test";
        Map<String, Object> body = new java.util.HashMap<>(user);
        body.put("email", email);
        JsonPath created = given().baseUri(gateway).auth().oauth2(admin.token()).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/users").then().statusCode(201).extract().jsonPath();
        return accept(gateway, created.getString("user.id"), email, invitations.code(email, created.getString("invitationToken")));
    }

    private static Person accept(String gateway, String id, String email, String invitation) {
        String token = given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("token", invitation, "password", PASSWORD))
                .when().post("/api/v1/auth/accept-invitation").then().statusCode(200).extract().path("access_token");
        return new Person(UUID.fromString(id), email, token);
    }
}
