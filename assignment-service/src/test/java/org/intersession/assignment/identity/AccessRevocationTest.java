package org.intersession.assignment.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.AccessRevoked;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * A deactivated user's, an ended session's and a revoked API client's tokens stop working at this service within
 * seconds of the gateway's event, long before they expire, and even after they were verified and cached.
 */
@QuarkusTest
class AccessRevocationTest {

    private final UUID clinic = UUID.randomUUID();

    @Test
    void aDeactivatedUsersTokensAreRefusedWithinSeconds() {
        UUID therapist = UUID.randomUUID();
        String token = TestTokens.therapist(clinic, therapist);
        String colleague = TestTokens.therapist(clinic, UUID.randomUUID());
        templates(token, 200);

        TestEvents.publish(Topics.IDENTITY, therapist.toString(), UserChanged.DEACTIVATED, "users/" + therapist,
                UserChanged.of(therapist, clinic, "THERAPIST", "DEACTIVATED", null));
        awaitRefused(token);
        templates(colleague, 200);
    }

    @Test
    void anEndedSessionsTokensAreRefusedAndTheUsersOtherSessionsGoOn() {
        UUID therapist = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        String endedToken = TestTokens.sign(TestTokens.claims(therapist).claim("clinic", clinic.toString())
                .claim("sid", ended.toString()).groups(Set.of("THERAPIST")));
        String otherDevice = TestTokens.sign(TestTokens.claims(therapist).claim("clinic", clinic.toString())
                .claim("sid", UUID.randomUUID().toString()).groups(Set.of("THERAPIST")));
        templates(endedToken, 200);

        TestEvents.publish(Topics.IDENTITY, therapist.toString(), AccessRevoked.SESSION, "users/" + therapist + "/sessions/" + ended,
                new AccessRevoked(therapist, clinic, ended, OffsetDateTime.now(ZoneOffset.UTC)));
        awaitRefused(endedToken);
        templates(otherDevice, 200);
    }

    @Test
    void aRevokedApiClientsTokensAreRefusedWithinSeconds() {
        UUID app = UUID.randomUUID();
        String token = TestTokens.sign(TestTokens.claims(app).claim("clinic", clinic.toString()).claim("scope", "assignments:read"));
        templates(token, 200);

        TestEvents.publish(Topics.IDENTITY, app.toString(), AccessRevoked.API_CLIENT, "api-clients/" + app,
                new AccessRevoked(app, clinic, null, OffsetDateTime.now(ZoneOffset.UTC)));
        awaitRefused(token);
    }

    private static void awaitRefused(String token) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> templates(token, 401));
        given().auth().oauth2(token).when().get("/api/v1/templates")
                .then().contentType("application/problem+json");
    }

    private static void templates(String token, int status) {
        given().auth().oauth2(token).when().get("/api/v1/templates").then().statusCode(status);
    }
}
