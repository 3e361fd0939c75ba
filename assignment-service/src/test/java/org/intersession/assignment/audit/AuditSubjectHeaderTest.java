package org.intersession.assignment.audit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.intersession.assignment.AssignmentFixture;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The gateway's audit record names the client an answer concerned; this service tells it in a response header. */
@QuarkusTest
class AuditSubjectHeaderTest {

    @Inject
    IdentityReplica identity;

    @Test
    void readingAnAssignmentOrTryingToNamesItsClient() {
        AssignmentFixture f = new AssignmentFixture(identity);
        String id = f.create(f.dailyThoughtRecord());

        given().auth().oauth2(f.therapistToken())
                .when().get("/api/v1/assignments/{id}", id)
                .then().statusCode(200)
                .header(AuditSubject.HEADER, equalTo(f.client.toString()));

        // a stranger's miss is a refused attempt on this client; another clinic's, or a missing id, concerns nobody
        given().auth().oauth2(TestTokens.therapist(f.clinic, UUID.randomUUID()))
                .when().get("/api/v1/assignments/{id}", id)
                .then().statusCode(404)
                .header(AuditSubject.HEADER, equalTo(f.client.toString()));

        given().auth().oauth2(TestTokens.therapist(UUID.randomUUID(), f.therapist))
                .when().get("/api/v1/assignments/{id}", id)
                .then().statusCode(404)
                .header(AuditSubject.HEADER, nullValue());
        given().auth().oauth2(f.therapistToken())
                .when().get("/api/v1/assignments/{id}", UUID.randomUUID())
                .then().statusCode(404)
                .header(AuditSubject.HEADER, nullValue());
    }
}
