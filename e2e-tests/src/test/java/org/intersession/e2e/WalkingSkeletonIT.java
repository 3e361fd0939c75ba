package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The walking skeleton: one assignment travels the whole platform. It is created through the gateway in
 * assignment-service, crosses Kafka through the outbox, and is recorded by progress-service (which then accepts
 * the client's entry) and by notification-service (which puts it in the client's inbox). Only the gateway is called.
 */
class WalkingSkeletonIT {

    private static RunningStack platform;

    private final UUID clinic = UUID.randomUUID();
    private final UUID therapist = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();

    @BeforeAll
    static void startPlatform() {
        platform = RunningStack.get();
    }

    @Test
    void anAssignmentCrossesEveryServiceThroughTheGateway() {
        given().baseUri(platform.gatewayUrl()).when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));

        String assignmentId = as(therapist, "THERAPIST").contentType(ContentType.JSON)
                .body(Map.of("clientId", client, "title", "Daily thought record",
                        "instructions", "Write down the situation, the thought and the feeling."))
                .when().post("/api/v1/assignments")
                .then().statusCode(201).body("status", equalTo("ASSIGNED"))
                .extract().path("id");

        as(client, "CLIENT").when().get("/api/v1/assignments/{id}", assignmentId)
                .then().statusCode(200).body("title", equalTo("Daily thought record"));

        // notification-service consumed assignment.created: the client's inbox shows it
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(client, "CLIENT")
                .when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.title", hasItem("New homework: Daily thought record")));

        // progress-service consumed it too: it now accepts the client's entry for that assignment
        UUID entryId = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(client, "CLIENT").contentType(ContentType.JSON)
                .body(Map.of("id", entryId, "assignmentId", assignmentId, "status", "DONE"))
                .when().post("/api/v1/progress-entries")
                .then().statusCode(201));

        // and its progress.recorded event closes the loop in the therapist's inbox
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(therapist, "THERAPIST")
                .when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.kind", hasItem("progress.recorded")));
    }

    @Test
    void theGatewayRefusesAnUnsignedToken() {
        String forged = platform.token(clinic, therapist, "THERAPIST");
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA";
        given().baseUri(platform.gatewayUrl()).auth().oauth2(forged)
                .when().get("/api/v1/notifications")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private RequestSpecification as(UUID user, String role) {
        return given().baseUri(platform.gatewayUrl()).auth().oauth2(platform.token(clinic, user, role));
    }
}
