package org.intersession.progress.audit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.testing.TestEvents;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The gateway's audit record names the client an answer concerned; this service tells it in a response header. */
@QuarkusTest
class AuditSubjectHeaderTest {

    @Inject
    EventCodec codec;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @Test
    void adherenceOfAnAssignmentOrAnAttemptOnItNamesItsClient() {
        UUID assignment = UUID.randomUUID();
        TestEvents.careTeamLinked(clinic, client, therapist);
        AssignmentSnapshot data = TestEvents.newAssignment(assignment, clinic, client, therapist, "Thought record", null);
        TestEvents.send(Topics.ASSIGNMENT, client.toString(), codec.write(new CloudEvent(UUID.randomUUID().toString(),
                "/intersession/assignment-service", CloudEvent.SPEC_VERSION, AssignmentSnapshot.CREATED,
                "assignments/" + assignment, OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.JSON, codec.tree(data))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .when().get("/api/v1/adherence/assignments/{id}", assignment)
                .then().statusCode(200)
                .header(AuditSubject.HEADER, equalTo(client.toString())));

        given().auth().oauth2(TestTokens.therapist(clinic, UUID.randomUUID()))
                .when().get("/api/v1/adherence/assignments/{id}", assignment)
                .then().statusCode(404)
                .header(AuditSubject.HEADER, equalTo(client.toString()));
        given().auth().oauth2(TestTokens.therapist(UUID.randomUUID(), therapist))
                .when().get("/api/v1/adherence/assignments/{id}", assignment)
                .then().statusCode(404)
                .header(AuditSubject.HEADER, nullValue());
    }
}
