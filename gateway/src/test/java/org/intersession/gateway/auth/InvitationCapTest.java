package org.intersession.gateway.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.intersession.gateway.IdentityFixture;
import org.intersession.gateway.IdentityFixture.ClinicWithAdmin;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** OWASP API6: a clinic cannot flood strangers' mailboxes; the test profile allows 5 open invitations per clinic. */
@QuarkusTest
class InvitationCapTest {

    private static final int CAP = 5;

    @Test
    void aClinicWithTheMostOpenInvitationsGetsAConflictUntilOneIsAccepted() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        String firstInvitation = null;
        for (int i = 0; i < CAP; i++) {
            String token = invite(clinic).then().statusCode(201).extract().path("invitationToken");
            firstInvitation = firstInvitation == null ? token : firstInvitation;
        }

        invite(clinic).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("open invitations"));

        given().contentType(ContentType.JSON).body(Map.of("token", firstInvitation, "password", IdentityFixture.PASSWORD))
                .when().post("/api/v1/auth/accept-invitation").then().statusCode(200);
        invite(clinic).then().statusCode(201);
    }

    @Test
    void anotherClinicsOpenInvitationsDoNotCount() {
        ClinicWithAdmin busy = IdentityFixture.newClinic();
        for (int i = 0; i < CAP; i++) {
            invite(busy).then().statusCode(201);
        }
        invite(IdentityFixture.newClinic()).then().statusCode(201);
    }

    private static io.restassured.response.Response invite(ClinicWithAdmin clinic) {
        return given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "cap-" + UUID.randomUUID() + "@clinic.test", "displayName", "Invited", "role", "THERAPIST"))
                .when().post("/api/v1/users");
    }
}
