package org.intersession.gateway.access;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.intersession.gateway.IdentityFixture;
import org.intersession.gateway.IdentityFixture.ClinicWithAdmin;
import org.intersession.gateway.IdentityFixture.Member;
import org.intersession.gateway.apiclient.ApiClientService;
import org.intersession.gateway.audit.AuditEventService;
import org.intersession.gateway.auth.TokenIssuer;
import org.intersession.gateway.user.InvitedUser;
import org.intersession.gateway.user.NewUser;
import org.intersession.gateway.user.ProfileInput;
import org.intersession.gateway.user.UserPatch;
import org.intersession.gateway.user.UserService;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An app (API client) can never create, raise or change a user with more power than a client record, whatever scopes
 * it holds: every one of the 2^9 combinations of scopes is tried against every way to gain staff power. Only
 * {@code users:write} invites clients, and then the invitation code goes to the invitee, never to the app.
 */
@QuarkusTest
class AppPrivilegeTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    TokenIssuer issuer;

    @Inject
    DataSource database;

    @Inject
    UserService users;

    @Inject
    ApiClientService apiClients;

    @Inject
    AuditEventService auditEvents;

    /**
     * Every combination, on the services that hold the rule (an HTTP round trip with its audit record for each of
     * the 3,577 attempts would take minutes); {@link #theRuleHoldsAtTheApiForAnAppWithEveryScope} shows the same answers
     * come out of the API.
     */
    @Test
    void noCombinationOfScopesLetsAnAppCreateChangeOrDeactivateStaff() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member therapist = IdentityFixture.therapist(clinic);
        UUID app = apiClient(clinic, ApiClientService.SCOPES);
        UUID invitedTherapist = invitedBy(clinic.admin().accessToken(), "THERAPIST");
        List<String> escalations = new ArrayList<>();
        int attempts = 0;
        for (Set<String> held : combinations(new ArrayList<>(new TreeSet<>(ApiClientService.SCOPES)))) {
            Caller caller = new Caller(app, clinic.clinicId(), Set.of(), held);
            Map<String, Runnable> escalation = Map.of(
                    "invite a therapist", () -> users.create(caller, newUser("THERAPIST")),
                    "invite an admin", () -> users.create(caller, newUser("CLINIC_ADMIN")),
                    "rename the admin", () -> users.update(caller, clinic.admin().id(), "*", new UserPatch("Mallory", null)),
                    "deactivate a therapist", () -> users.deactivate(caller, therapist.id()),
                    "re-invite a therapist", () -> users.reinvite(caller, invitedTherapist),
                    "create an API client", () -> apiClients.create(caller,
                            new ApiClientService.NewApiClient("Mine", Set.of("users:write"))),
                    "read the audit trail", () -> auditEvents.list(caller,
                            new AuditEventService.Filter(null, null, null, null, null, null, null), 10, null));
            for (Map.Entry<String, Runnable> attempt : escalation.entrySet()) {
                attempts++;
                int status = statusOf(attempt.getValue());
                if (status != 403) {
                    escalations.add(held + " could " + attempt.getKey() + ": " + status);
                }
            }
        }
        assertEquals(List.of(), escalations);
        assertEquals(7 * 511, attempts, "every non-empty combination of the 9 scopes");
        given().auth().oauth2(clinic.admin().accessToken()).when().get("/api/v1/users/{id}", clinic.admin().id())
                .then().statusCode(200).body("displayName", org.hamcrest.Matchers.equalTo("Admin"));
    }

    @Test
    void theRuleHoldsAtTheApiForAnAppWithEveryScope() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member therapist = IdentityFixture.therapist(clinic);
        UUID invitedTherapist = invitedBy(clinic.admin().accessToken(), "THERAPIST");
        String token = issuer.forApiClient(apiClient(clinic, ApiClientService.SCOPES), clinic.clinicId(), ApiClientService.SCOPES);
        List<Response> refused = List.of(invite(token, "THERAPIST"), invite(token, "CLINIC_ADMIN"),
                given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("displayName", "Mallory"))
                        .when().patch("/api/v1/users/{id}", clinic.admin().id()),
                given().auth().oauth2(token).when().post("/api/v1/users/{id}/deactivate", therapist.id()),
                given().auth().oauth2(token).when().post("/api/v1/users/{id}/invitations", invitedTherapist),
                given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(Map.of("name", "Mine", "scopes", List.of("users:write"))).when().post("/api/v1/api-clients"),
                given().auth().oauth2(token).when().get("/api/v1/audit-events"));
        for (Response response : refused) {
            response.then().statusCode(403).contentType(PROBLEM);
        }
        invite(token, "THERAPIST").then().body("detail", org.hamcrest.Matchers.equalTo(
                "API clients may invite, change and deactivate clients only; a clinic admin manages therapists and admins"));
        Response client = invite(token, "CLIENT");
        client.then().statusCode(201).body("invitationToken", org.hamcrest.Matchers.nullValue())
                .body("invitationExpiresAt", org.hamcrest.Matchers.notNullValue());
    }

    /** With users:write, alone or with anything else, an app invites a client; the code is never in its answer. */
    @Test
    void everyCombinationWithUsersWriteInvitesClientsWithoutSeeingTheCode() throws SQLException {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        UUID app = apiClient(clinic, ApiClientService.SCOPES);
        Caller admin = new Caller(clinic.admin().id(), clinic.clinicId(), Set.of(Role.CLINIC_ADMIN), Set.of());
        List<String> others = new ArrayList<>(new TreeSet<>(ApiClientService.SCOPES));
        others.remove("users:write");
        List<Set<String>> combinations = combinations(others);
        combinations.add(Set.of());
        for (Set<String> some : combinations) {
            Set<String> held = new TreeSet<>(some);
            held.add("users:write");
            InvitedUser invited = users.create(new Caller(app, clinic.clinicId(), Set.of(), held), newUser("CLIENT"));
            org.junit.jupiter.api.Assertions.assertNull(invited.invitationToken(), held + " saw the invitation code");
            assertNotNull(invited.invitationExpiresAt());
            // the admin withdraws it again, so the clinic stays under its cap of open invitations
            users.deactivate(admin, invited.user().id());
        }
        assertEquals(256, combinations.size());
        assertEquals(256, invitationsIssuedBy(app));
    }

    @Test
    void revokingAnAppWithdrawsTheInvitationsItIssuedThatAreStillOpen() throws SQLException {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        JsonPath registered = given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "EHR", "scopes", List.of("users:write")))
                .when().post("/api/v1/api-clients").then().statusCode(201).extract().jsonPath();
        UUID app = UUID.fromString(registered.getString("apiClient.id"));
        String token = issuer.forApiClient(app, clinic.clinicId(), Set.of("users:write"));
        UUID invited = UUID.fromString(invite(token, "CLIENT").then().statusCode(201).extract().path("user.id"));
        assertEquals(1, openInvitationsOf(invited));

        given().auth().oauth2(clinic.admin().accessToken()).when().delete("/api/v1/api-clients/{id}", app).then().statusCode(204);
        assertEquals(0, openInvitationsOf(invited), "the app's open invitation is withdrawn with it");

        // the invitee is not lost: a clinic admin invites them again, and that invitation works
        String code = given().auth().oauth2(clinic.admin().accessToken())
                .when().post("/api/v1/users/{id}/invitations", invited)
                .then().statusCode(200).extract().path("invitationToken");
        given().contentType(ContentType.JSON).body(Map.of("token", code, "password", IdentityFixture.PASSWORD))
                .when().post("/api/v1/auth/accept-invitation").then().statusCode(200);
        given().auth().oauth2(clinic.admin().accessToken()).when().post("/api/v1/users/{id}/invitations", invited)
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aNewInvitationReplacesTheEarlierOne() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        String email = "late-" + UUID.randomUUID() + "@clinic.test";
        JsonPath first = given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "displayName", "Late", "role", "THERAPIST"))
                .when().post("/api/v1/users").then().statusCode(201).extract().jsonPath();
        String second = given().auth().oauth2(clinic.admin().accessToken())
                .when().post("/api/v1/users/{id}/invitations", first.getString("user.id"))
                .then().statusCode(200).extract().path("invitationToken");
        given().contentType(ContentType.JSON).body(Map.of("token", first.getString("invitationToken"), "password", IdentityFixture.PASSWORD))
                .when().post("/api/v1/auth/accept-invitation").then().statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of("token", second, "password", IdentityFixture.PASSWORD))
                .when().post("/api/v1/auth/accept-invitation").then().statusCode(200);
    }

    private static Response invite(String token, String role) {
        Map<String, Object> body = role.equals("CLIENT")
                ? Map.of("email", "app-" + UUID.randomUUID() + "@clinic.test", "displayName", "Invitee", "role", role,
                        "profile", Map.of("timeZone", "Europe/Berlin"))
                : Map.of("email", "app-" + UUID.randomUUID() + "@clinic.test", "displayName", "Invitee", "role", role);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/users");
    }

    /** Every non-empty subset of the scopes. */
    private static List<Set<String>> combinations(List<String> scopes) {
        List<Set<String>> all = new ArrayList<>();
        for (int mask = 1; mask < 1 << scopes.size(); mask++) {
            Set<String> held = new TreeSet<>();
            for (int bit = 0; bit < scopes.size(); bit++) {
                if ((mask & 1 << bit) != 0) {
                    held.add(scopes.get(bit));
                }
            }
            all.add(held);
        }
        return all;
    }

    private static NewUser newUser(String role) {
        return new NewUser("app-" + UUID.randomUUID() + "@clinic.test", "Invitee", Role.valueOf(role),
                role.equals("CLIENT") ? new ProfileInput("Europe/Berlin", null, null) : null);
    }

    private static int statusOf(Runnable attempt) {
        try {
            attempt.run();
            return 200;
        } catch (io.quarkus.security.ForbiddenException e) {
            return 403;
        } catch (ApiProblemException e) {
            return e.status();
        }
    }

    private static UUID invitedBy(String token, String role) {
        return UUID.fromString(invite(token, role).then().statusCode(201).extract().path("user.id"));
    }

    private static UUID apiClient(ClinicWithAdmin clinic, Set<String> scopes) {
        return UUID.fromString(given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "Practice app", "scopes", scopes))
                .when().post("/api/v1/api-clients").then().statusCode(201).extract().path("apiClient.id"));
    }

    private long openInvitationsOf(UUID user) throws SQLException {
        return count("select count(*) from invitation where user_id = ? and used_at is null and revoked_at is null", user);
    }

    private long invitationsIssuedBy(UUID app) throws SQLException {
        return count("select count(*) from invitation where issued_by_api_client = ?", app);
    }

    private long count(String sql, UUID id) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, id);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
