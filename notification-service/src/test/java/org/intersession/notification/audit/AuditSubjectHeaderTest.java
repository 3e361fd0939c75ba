package org.intersession.notification.audit;

import io.quarkus.test.junit.QuarkusTest;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The gateway's audit record names the client an answer concerned; this service tells it in a response header. */
@QuarkusTest
class AuditSubjectHeaderTest {

    @Test
    void aClientsInboxConcernsThatClientAndATherapistsNamesNoClient() {
        UUID clinic = UUID.randomUUID();
        UUID client = UUID.randomUUID();

        given().auth().oauth2(TestTokens.client(clinic, client))
                .when().get("/api/v1/notifications")
                .then().statusCode(200)
                .header(AuditSubject.HEADER, equalTo(client.toString()));

        given().auth().oauth2(TestTokens.therapist(clinic, UUID.randomUUID()))
                .when().get("/api/v1/notifications")
                .then().statusCode(200)
                .header(AuditSubject.HEADER, nullValue());
    }
}
