package org.intersession.gateway.access;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.intersession.gateway.IdentityFixture;
import org.intersession.gateway.IdentityFixture.ClinicWithAdmin;
import org.intersession.gateway.IdentityFixture.Member;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tenancy and roles of the gateway's own API. Another clinic's ids, and users outside the caller's care team,
 * answer 404 as if they did not exist; a role that may not call an operation at all gets 403.
 */
@QuarkusTest
class IdentityAccessTest {

    private static ClinicWithAdmin clinic;
    private static Member therapist;
    private static Member otherTherapist;
    private static Member client;
    private static Member otherClient;
    private static ClinicWithAdmin otherClinic;

    /** Once per class, but after Quarkus started (a static @BeforeAll runs before REST Assured knows the port). */
    @BeforeEach
    void people() {
        if (clinic != null) {
            return;
        }
        clinic = IdentityFixture.newClinic();
        therapist = IdentityFixture.therapist(clinic);
        otherTherapist = IdentityFixture.therapist(clinic);
        client = IdentityFixture.client(clinic);
        otherClient = IdentityFixture.client(clinic);
        IdentityFixture.link(clinic, client, therapist);
        otherClinic = IdentityFixture.newClinic();
    }

    @Test
    void anotherClinicsUsersDoNotExistForTheCaller() {
        String foreignAdmin = otherClinic.admin().accessToken();
        as(foreignAdmin).get("/api/v1/users/{id}", client.id()).then().statusCode(404).contentType("application/problem+json");
        as(foreignAdmin).contentType(ContentType.JSON).body(Map.of("displayName", "Renamed"))
                .patch("/api/v1/users/{id}", client.id()).then().statusCode(404);
        as(foreignAdmin).post("/api/v1/users/{id}/deactivate", client.id()).then().statusCode(404);
        as(foreignAdmin).put("/api/v1/clients/{c}/care-team/{t}", client.id(), therapist.id()).then().statusCode(404);
        as(foreignAdmin).get("/api/v1/users").then().statusCode(200).body("items.id", not(hasItem(client.id().toString())));
    }

    @Test
    void aTherapistSeesOnlyTheClientsInTheirCareTeam() {
        as(therapist.accessToken()).get("/api/v1/users/{id}", client.id()).then().statusCode(200);
        as(therapist.accessToken()).get("/api/v1/users/{id}", otherClient.id()).then().statusCode(404);
        as(otherTherapist.accessToken()).get("/api/v1/users/{id}", client.id()).then().statusCode(404);
        as(therapist.accessToken()).get("/api/v1/users").then().statusCode(200)
                .body("items.id", contains(client.id().toString()));
    }

    @Test
    void aClientSeesAndChangesOnlyThemself() {
        as(client.accessToken()).get("/api/v1/users/{id}", client.id()).then().statusCode(200)
                .body("profile.timeZone", equalTo("Europe/Berlin"));
        as(client.accessToken()).get("/api/v1/users/{id}", otherClient.id()).then().statusCode(404);
        as(client.accessToken()).contentType(ContentType.JSON).body(Map.of("displayName", "Not me"))
                .patch("/api/v1/users/{id}", otherClient.id()).then().statusCode(404);
        as(client.accessToken()).header("If-Match", "*").contentType(ContentType.JSON)
                .body(Map.of("profile", Map.of("timeZone", "America/New_York")))
                .patch("/api/v1/users/{id}", client.id()).then().statusCode(200)
                .body("profile.timeZone", equalTo("America/New_York")).body("profile", not(hasKey("quietHoursStart")));
        // quiet hours live in the notification preferences only: the profile refuses them rather than ignore them
        as(client.accessToken()).header("If-Match", "*").contentType(ContentType.JSON)
                .body(Map.of("profile", Map.of("quietHoursStart", "22:00")))
                .patch("/api/v1/users/{id}", client.id()).then().statusCode(400)
                .body("errors.field", hasItem("profile.quietHoursStart"));
    }

    @Test
    void aChangeToAUserNeedsTheETagOfTheCurrentUser() {
        String etag = as(client.accessToken()).get("/api/v1/users/{id}", client.id()).then().statusCode(200)
                .extract().header("ETag");
        as(client.accessToken()).contentType(ContentType.JSON).body(Map.of("displayName", "No precondition"))
                .patch("/api/v1/users/{id}", client.id()).then().statusCode(428).contentType("application/problem+json")
                .body("errors.field", hasItem("If-Match"));
        String changed = as(client.accessToken()).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("displayName", "First change")).patch("/api/v1/users/{id}", client.id())
                .then().statusCode(200).body("displayName", equalTo("First change")).extract().header("ETag");
        as(client.accessToken()).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Lost change")).patch("/api/v1/users/{id}", client.id())
                .then().statusCode(412).contentType("application/problem+json").body("errors.field", hasItem("If-Match"));
        as(client.accessToken()).get("/api/v1/users/{id}", client.id()).then().statusCode(200)
                .header("ETag", changed).body("displayName", equalTo("First change"));
    }

    @Test
    void anInvitationResentWithItsIdempotencyKeyIsNotMadeTwiceAndItsCodeIsNotRepeated() {
        String key = "invite-" + UUID.randomUUID();
        String email = "once-" + UUID.randomUUID() + "@clinic.test";
        Map<String, Object> invitee = Map.of("email", email, "displayName", "Once", "role", "CLIENT",
                "profile", Map.of("timeZone", "Europe/Berlin"));
        String location = as(clinic.admin().accessToken()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(invitee).post("/api/v1/users").then().statusCode(201).extract().header("Location");
        as(clinic.admin().accessToken()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(invitee)
                .post("/api/v1/users").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(location)).body("invitationToken", nullValue());
        as(clinic.admin().accessToken()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("email", "other-" + email, "displayName", "Other", "role", "CLIENT",
                        "profile", Map.of("timeZone", "Europe/Berlin")))
                .post("/api/v1/users").then().statusCode(422).body("errors.field", hasItem("Idempotency-Key"));
        // a key belongs to its caller: another clinic's admin with the same key makes a request of their own
        as(otherClinic.admin().accessToken()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(invitee)
                .post("/api/v1/users").then().statusCode(201);
        as(clinic.admin().accessToken()).header("Idempotency-Key", "k".repeat(201)).contentType(ContentType.JSON)
                .body(Map.of("email", "long-" + email, "displayName", "Long", "role", "CLIENT", "profile", Map.of("timeZone", "Europe/Berlin")))
                .post("/api/v1/users").then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void roleAndClinicCannotBeMassAssigned() {
        as(client.accessToken()).contentType(ContentType.JSON).body(Map.of("role", "CLINIC_ADMIN"))
                .patch("/api/v1/users/{id}", client.id()).then().statusCode(400).body("errors.field", hasItem("role"));
        as(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "x-" + UUID.randomUUID() + "@clinic.test", "displayName", "X", "role", "THERAPIST",
                        "clinicId", otherClinic.clinicId()))
                .post("/api/v1/users").then().statusCode(400).body("errors.field", hasItem("clinicId"));
    }

    @Test
    void invalidTimeZonesAndRolesNameTheField() {
        Map<String, Object> user = new LinkedHashMap<>(Map.of("email", "tz-" + UUID.randomUUID() + "@clinic.test",
                "displayName", "TZ", "role", "CLIENT", "profile", Map.of("timeZone", "Mars/Olympus")));
        as(clinic.admin().accessToken()).contentType(ContentType.JSON).body(user).post("/api/v1/users")
                .then().statusCode(400).body("errors.field", hasItem("profile.timeZone"));
        user.put("role", "SUPERUSER");
        as(clinic.admin().accessToken()).contentType(ContentType.JSON).body(user).post("/api/v1/users")
                .then().statusCode(400).body("errors.field", hasItem("role"));
    }

    /** Every route of the gateway's own API against every kind of caller, a clinic app's API client included. */
    @Test
    void roleMatrix() {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("CLINIC_ADMIN", clinic.admin().accessToken());
        callers.put("THERAPIST", therapist.accessToken());
        callers.put("CLIENT", client.accessToken());
        callers.put("OPERATOR", IdentityFixture.operatorToken());
        callers.put("API_CLIENT", apiClientToken("users:read", "users:write", "care-teams:write"));

        record Route(String method, String path, Object body, Map<String, Integer> expected) {
        }
        String newTherapist = "{\"email\":\"m-%s@clinic.test\",\"displayName\":\"M\",\"role\":\"THERAPIST\"}";
        String newClient = "{\"email\":\"c-%s@clinic.test\",\"displayName\":\"C\",\"role\":\"CLIENT\","
                + "\"profile\":{\"timeZone\":\"Europe/Berlin\"}}";
        List<Route> routes = List.of(
                new Route("POST", "/api/v1/clinics", Map.of("name", "Matrix", "admin", Map.of("email", "%s@m.test", "displayName", "A")),
                        Map.of("CLINIC_ADMIN", 403, "THERAPIST", 403, "CLIENT", 403, "OPERATOR", 201, "API_CLIENT", 403)),
                new Route("GET", "/api/v1/clinics", null,
                        Map.of("CLINIC_ADMIN", 403, "THERAPIST", 403, "CLIENT", 403, "OPERATOR", 200, "API_CLIENT", 403)),
                // an app invites clients only: staff are invited by a human clinic admin
                new Route("POST", "/api/v1/users", newTherapist,
                        Map.of("CLINIC_ADMIN", 201, "THERAPIST", 403, "CLIENT", 403, "OPERATOR", 401, "API_CLIENT", 403)),
                new Route("POST", "/api/v1/users", newClient,
                        Map.of("CLINIC_ADMIN", 201, "THERAPIST", 403, "CLIENT", 403, "OPERATOR", 401, "API_CLIENT", 201)),
                new Route("GET", "/api/v1/users", null,
                        Map.of("CLINIC_ADMIN", 200, "THERAPIST", 200, "CLIENT", 200, "OPERATOR", 401, "API_CLIENT", 200)),
                new Route("GET", "/api/v1/users/" + client.id(), null,
                        Map.of("CLINIC_ADMIN", 200, "THERAPIST", 200, "CLIENT", 200, "OPERATOR", 401, "API_CLIENT", 200)),
                new Route("PATCH", "/api/v1/users/" + client.id(), Map.of("displayName", "Client user"),
                        Map.of("CLINIC_ADMIN", 200, "THERAPIST", 404, "CLIENT", 200, "OPERATOR", 401, "API_CLIENT", 200)),
                new Route("POST", "/api/v1/users/" + otherClient.id() + "/deactivate", null,
                        Map.of("THERAPIST", 403, "CLIENT", 403, "OPERATOR", 401)),
                new Route("PUT", "/api/v1/clients/" + client.id() + "/care-team/" + therapist.id(), null,
                        Map.of("CLINIC_ADMIN", 204, "THERAPIST", 403, "CLIENT", 403, "OPERATOR", 401, "API_CLIENT", 204)),
                new Route("DELETE", "/api/v1/clients/" + otherClient.id() + "/care-team/" + otherTherapist.id(), null,
                        Map.of("CLINIC_ADMIN", 404, "THERAPIST", 403, "CLIENT", 403, "OPERATOR", 401, "API_CLIENT", 404)),
                new Route("POST", "/api/v1/api-clients", Map.of("name", "App", "scopes", List.of("progress:read")),
                        Map.of("CLINIC_ADMIN", 201, "THERAPIST", 403, "CLIENT", 403, "OPERATOR", 401, "API_CLIENT", 403)),
                new Route("GET", "/api/v1/api-clients", null,
                        Map.of("CLINIC_ADMIN", 200, "THERAPIST", 403, "CLIENT", 403, "OPERATOR", 401, "API_CLIENT", 403)),
                new Route("POST", "/api/v1/signing-keys/rotate", null,
                        Map.of("CLINIC_ADMIN", 403, "THERAPIST", 403, "CLIENT", 403, "API_CLIENT", 403)));

        List<String> mismatches = new ArrayList<>();
        for (Route route : routes) {
            route.expected().forEach((role, status) -> {
                RequestSpecification request = as(callers.get(role));
                if (route.body() != null) {
                    Object body = route.body() instanceof String s ? String.format(s, UUID.randomUUID()) : unique(route.body());
                    request = request.contentType(ContentType.JSON).body(body);
                }
                if (route.method().equals("PATCH")) {
                    request = request.header("If-Match", "*");
                }
                int actual = request.request(route.method(), route.path()).statusCode();
                if (actual != status) {
                    mismatches.add(route.method() + " " + route.path() + " as " + role + ": expected " + status + ", got " + actual);
                }
            });
        }
        assertEquals(List.of(), mismatches);
    }

    /** A clinic app's token, through the client-credentials grant, as the app itself would get it. */
    private static String apiClientToken(String... scopes) {
        io.restassured.path.json.JsonPath created = given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "EHR", "scopes", List.of(scopes)))
                .when().post("/api/v1/api-clients").then().statusCode(201).extract().jsonPath();
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", created.getString("apiClient.clientId"))
                .formParam("client_secret", created.getString("clientSecret"))
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    @SuppressWarnings("unchecked")
    private static Object unique(Object body) {
        if (body instanceof Map<?, ?> map && map.containsKey("admin")) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.put("admin", Map.of("email", UUID.randomUUID() + "@m.test", "displayName", "A"));
            return copy;
        }
        return body;
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}
