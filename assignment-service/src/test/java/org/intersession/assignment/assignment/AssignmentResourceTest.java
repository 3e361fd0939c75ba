package org.intersession.assignment.assignment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import jakarta.inject.Inject;
import org.intersession.platform.careteam.CareTeams;
import org.intersession.platform.event.Topics;
import org.intersession.testing.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class AssignmentResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    CareTeams careTeams;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    /** The therapist cares for the client, as the gateway's identity events tell this service. */
    @BeforeEach
    void careTeam() {
        TestEvents.careTeamLinked(clinic, client, therapist);
        await().atMost(Duration.ofSeconds(30)).until(() -> careTeams.caresFor(clinic, therapist, client));
    }

    @Test
    void therapistCreatesAnAssignmentAndItsEventIsPublished() {
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> created =
                given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", client, "title", "Daily thought record", "instructions", "After each upsetting moment"))
                .when().post("/api/v1/assignments")
                .then().statusCode(201)
                .body("status", equalTo("ASSIGNED"))
                .body("therapistId", equalTo(therapist.toString()))
                .extract();
        String id = created.path("id");
        org.hamcrest.MatcherAssert.assertThat(created.header("Location"), endsWith("/api/v1/assignments/" + id));

        List<ConsumerRecord<String, String>> published = TopicProbe.await(Topics.ASSIGNMENT,
                value -> value.contains(id), Duration.ofSeconds(30));
        assertFalse(published.isEmpty(), "the assignment.created event reached Kafka through the outbox");
        ConsumerRecord<String, String> record = published.get(0);
        assertEquals(client.toString(), record.key(), "events are keyed by client so each client's stay in order");
        io.restassured.path.json.JsonPath envelope = io.restassured.path.json.JsonPath.from(record.value());
        assertEquals("1.0", envelope.getString("specversion"));
        assertEquals("org.intersession.assignment.created.v1", envelope.getString("type"));
        assertEquals("/intersession/assignment-service", envelope.getString("source"));
        assertEquals("assignments/" + id, envelope.getString("subject"));
        assertEquals(client.toString(), envelope.getString("data.clientId"));
    }

    @Test
    void theClientSeesTheirAssignmentButAnotherClinicDoesNot() {
        String id = createAssignment();

        given().auth().oauth2(TestTokens.client(clinic, client))
                .when().get("/api/v1/assignments/{id}", id)
                .then().statusCode(200).body("title", equalTo("Breathing practice"));

        given().auth().oauth2(TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID()))
                .when().get("/api/v1/assignments/{id}", id)
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));

        given().auth().oauth2(TestTokens.client(clinic, UUID.randomUUID()))
                .when().get("/api/v1/assignments/{id}", id)
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aTherapistCannotAssignToAClientOutsideTheirCareTeam() {
        given().auth().oauth2(TestTokens.therapist(clinic, therapist)).contentType(ContentType.JSON)
                .body(Map.of("clientId", UUID.randomUUID(), "title", "Not my client"))
                .when().post("/api/v1/assignments")
                .then().statusCode(404).contentType(PROBLEM);
        String id = createAssignment();
        given().auth().oauth2(TestTokens.therapist(clinic, UUID.randomUUID()))
                .when().get("/api/v1/assignments/{id}", id)
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aClientMayNotAssignHomework() {
        given().auth().oauth2(TestTokens.client(clinic, client))
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", client, "title", "Self-assigned"))
                .when().post("/api/v1/assignments")
                .then().statusCode(403).contentType(PROBLEM).body("title", equalTo("Forbidden"));
    }

    @Test
    void missingTitleIsA400NamingTheField() {
        given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", client, "title", " "))
                .when().post("/api/v1/assignments")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("title"))
                .body("detail", containsString("title"));
    }

    @Test
    void unknownPropertiesAreRefused() {
        given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", client, "title", "Walk", "clinicId", UUID.randomUUID()))
                .when().post("/api/v1/assignments")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("clinicId"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .contentType(ContentType.JSON)
                .body("{\"clientId\": ")
                .when().post("/api/v1/assignments")
                .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
    }

    @Test
    void wrongMediaTypeIsA415Problem() {
        given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .contentType(ContentType.TEXT).body("title")
                .when().post("/api/v1/assignments")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void requestsWithoutAValidTokenAre401Problems() {
        given().when().get("/api/v1/assignments/{id}", UUID.randomUUID())
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer");

        String foreign = TestTokens.therapist(clinic, therapist);
        String tampered = foreign.substring(0, foreign.lastIndexOf('.')) + ".c2lnbmF0dXJl";
        given().auth().oauth2(tampered).when().get("/api/v1/assignments/{id}", UUID.randomUUID())
                .then().statusCode(401).contentType(PROBLEM).body("detail", not(containsString("Exception")));
    }

    @Test
    void unknownPathsAre404Problems() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    private String createAssignment() {
        return given().auth().oauth2(TestTokens.therapist(clinic, therapist))
                .contentType(ContentType.JSON)
                .body(Map.of("clientId", client, "title", "Breathing practice"))
                .when().post("/api/v1/assignments")
                .then().statusCode(201).extract().path("id");
    }
}
