package org.intersession.assignment;

import io.restassured.http.ContentType;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** A clinic with a therapist caring for a client in Berlin, made known to this service by identity events. */
public final class AssignmentFixture {

    public final UUID clinic = UUID.randomUUID();
    public final UUID therapist = UUID.randomUUID();
    public final UUID client = UUID.randomUUID();

    public AssignmentFixture(IdentityReplica identity) {
        this(identity, "Europe/Berlin");
    }

    public AssignmentFixture(IdentityReplica identity, String zone) {
        TestEvents.careTeamLinked(clinic, client, therapist);
        TestEvents.clientProfile(clinic, client, zone);
        await().atMost(Duration.ofSeconds(30)).until(() -> Tenancy.inClinic(clinic,
                () -> identity.caresFor(therapist, client) && identity.zoneOf(client).isPresent()));
    }

    public String therapistToken() {
        return TestTokens.therapist(clinic, therapist);
    }

    public String clientToken() {
        return TestTokens.client(clinic, client);
    }

    /** A daily 20:00 thought record from 2026-03-25, with a rationale and an obstacle. */
    public Map<String, Object> dailyThoughtRecord() {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", client);
        body.put("title", "Daily thought record");
        body.put("instructions", "After an upsetting moment, write down the situation, the thought and the feeling.");
        body.put("rationale", "Catching automatic thoughts is the first step to testing them.");
        body.put("obstacles", List.of(Map.of("obstacle", "Forgetting in the evening", "copingPlan", "Keep the phone by the bed")));
        body.put("schedule", Map.of("type", "RECURRING", "start", "2026-03-25T20:00", "rrule", "FREQ=DAILY"));
        return body;
    }

    public String create(Map<String, Object> body) {
        return given().auth().oauth2(therapistToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments")
                .then().statusCode(201).extract().path("id");
    }
}
