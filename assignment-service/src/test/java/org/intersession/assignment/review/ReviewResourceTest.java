package org.intersession.assignment.review;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.intersession.assignment.AssignmentFixture;
import org.intersession.platform.event.Topics;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.testing.TestTokens;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class ReviewResourceTest {

    @Inject
    IdentityReplica identity;

    private AssignmentFixture f;
    private String thoughtRecord;
    private String exposure;

    @BeforeEach
    void homework() {
        f = new AssignmentFixture(identity);
        thoughtRecord = f.create(f.dailyThoughtRecord());
        Map<String, Object> other = f.dailyThoughtRecord();
        other.put("title", "Graded exposure: the supermarket");
        exposure = f.create(other);
    }

    @Test
    void aTherapistRecordsTheReviewAndStopCancelsThatAssignment() {
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(review())
                .when().post("/api/v1/reviews")
                .then().statusCode(201)
                .body("items", hasSize(2))
                .body("items.find { it.assignmentId == '" + thoughtRecord + "' }.therapistNotes", equalTo("Ready to try balanced thoughts"));

        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/assignments/{id}", exposure)
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/assignments/{id}", thoughtRecord)
                .then().statusCode(200).body("status", equalTo("ASSIGNED"));

        assertFalse(TopicProbe.await(Topics.ASSIGNMENT, v -> v.contains("review-recorded") && v.contains(f.client.toString())
                && !v.contains("Ready to try"), Duration.ofSeconds(30)).isEmpty(), "review recorded, without therapist notes");
    }

    @Test
    void theClientReadsTheirReviewsWithoutTheTherapistsNotes() {
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(review())
                .when().post("/api/v1/reviews").then().statusCode(201);

        given().auth().oauth2(f.clientToken()).when().get("/api/v1/clients/{id}/reviews", f.client)
                .then().statusCode(200).body("items", hasSize(1))
                .body(not(containsString("therapistNotes"))).body(not(containsString("Ready to try")));
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/clients/{id}/reviews", f.client)
                .then().statusCode(200).body(containsString("Ready to try"));
    }

    @Test
    void othersCannotReadOrWriteThisClientsReviews() {
        given().auth().oauth2(TestTokens.client(f.clinic, UUID.randomUUID())).when().get("/api/v1/clients/{id}/reviews", f.client)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.therapist(f.clinic, UUID.randomUUID())).when().get("/api/v1/clients/{id}/reviews", f.client)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.therapist(f.clinic, UUID.randomUUID())).contentType(ContentType.JSON).body(review())
                .when().post("/api/v1/reviews").then().statusCode(404);
        // another clinic's admin learns nothing, not even that the client exists
        given().auth().oauth2(TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID())).when().get("/api/v1/clients/{id}/reviews", f.client)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(f.clientToken()).contentType(ContentType.JSON).body(review())
                .when().post("/api/v1/reviews").then().statusCode(403);
    }

    @Test
    void ratingsOutOfRangeAndForeignAssignmentsNameTheField() {
        Map<String, Object> bad = review();
        bad.put("items", List.of(item(thoughtRecord, 5, "CONTINUE"), item(UUID.randomUUID().toString(), 2, "CONTINUE")));
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(bad)
                .when().post("/api/v1/reviews").then().statusCode(400).body("errors.field", hasItem("items[0].quantity"));
        bad.put("items", List.of(item(thoughtRecord, 3, "CONTINUE"), item(UUID.randomUUID().toString(), 2, "CONTINUE")));
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(bad)
                .when().post("/api/v1/reviews").then().statusCode(400).body("errors.field", contains("items[1].assignmentId"));
    }

    @Test
    void aRatingIsRefusedRatherThanRoundedAndNothingIsRecorded() {
        for (Object quantity : List.of(2.5, 3.0, "3", true, 3_000_000_000L)) {
            Map<String, Object> item = item(thoughtRecord, 3, "CONTINUE");
            item.put("quantity", quantity);
            Map<String, Object> bad = review();
            bad.put("items", List.of(item, item(exposure, 1, "STOP")));
            given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(bad)
                    .when().post("/api/v1/reviews").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("items[0].quantity"));
        }
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/clients/{id}/reviews", f.client)
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/assignments/{id}", exposure)
                .then().statusCode(200).body("status", equalTo("ASSIGNED"));
    }

    @Test
    void aPropertyGivenTwiceIsRefusedNamingIt() {
        String item = "{\"assignmentId\":\"" + thoughtRecord + "\",\"quantity\":3,\"quality\":2,\"quality\":4,"
                + "\"helped\":\"PARTLY\",\"barriers\":[],\"decision\":\"CONTINUE\"}";
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON)
                .body("{\"clientId\":\"" + f.client + "\",\"sessionDate\":\"2026-12-03\",\"items\":[" + item + "]}")
                .when().post("/api/v1/reviews").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("items[0].quality"));
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/clients/{id}/reviews", f.client)
                .then().statusCode(200).body("items", hasSize(0));
    }

    private Map<String, Object> review() {
        Map<String, Object> review = new java.util.HashMap<>();
        review.put("clientId", f.client);
        review.put("sessionDate", "2026-12-03");
        review.put("items", List.of(item(thoughtRecord, 3, "CONTINUE"), item(exposure, 1, "STOP")));
        return review;
    }

    private Map<String, Object> item(String assignment, int quantity, String decision) {
        Map<String, Object> item = new java.util.HashMap<>();
        item.put("assignmentId", assignment);
        item.put("quantity", quantity);
        item.put("quality", 2);
        item.put("helped", "PARTLY");
        item.put("barriers", List.of("NO_TIME"));
        item.put("decision", decision);
        item.put("therapistNotes", "Ready to try balanced thoughts");
        return item;
    }
}
