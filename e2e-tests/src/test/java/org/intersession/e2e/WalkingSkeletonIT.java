package org.intersession.e2e;

import io.restassured.http.ContentType;
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
 * The walking skeleton: one assignment travels the whole platform, through the gateway only. Identity is made in
 * the gateway and reaches assignment-service as events (the care team); the assignment crosses Kafka through the
 * outbox and is recorded by progress-service (which then accepts the client's entry) and notification-service
 * (which puts it in the client's inbox); the entry's event closes the loop in the therapist's inbox.
 */
class WalkingSkeletonIT {

    private static RunningStack platform;

    @BeforeAll
    static void startPlatform() {
        platform = RunningStack.get();
    }

    @Test
    void anAssignmentCrossesEveryServiceThroughTheGateway() {
        given().baseUri(platform.gatewayUrl()).when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));

        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person therapist = clinic.therapist();
        ClinicApi.Person client = clinic.client("Europe/Berlin");
        clinic.link(client, therapist);

        // notification-service emailed the invitation through the real SMTP server
        String invitation = await().atMost(Duration.ofSeconds(60)).until(() -> platform.stack().mail().received().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(client.email())
                        && m.getSubject().equals("Your invitation to Intersession");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).findFirst().map(WalkingSkeletonIT::text).orElse(null), java.util.Objects::nonNull);
        // and its link opens the gateway's page for setting a password
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(https?://\\S+/accept-invitation\\?code=\\S+)").matcher(invitation);
        org.junit.jupiter.api.Assertions.assertTrue(link.find(), "no invitation link in: " + invitation);
        org.junit.jupiter.api.Assertions.assertTrue(link.group(1).startsWith(platform.gatewayUrl()), link.group(1));
        given().when().get(link.group(1)).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/html"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'none'"))
                .body(org.hamcrest.Matchers.containsString("Set your password"));

        java.time.LocalDate threeDaysAgo = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).minusDays(3);
        // assignment-service learns of the care team from the gateway's events, then accepts the assignment
        String assignmentId = clinic.assignDailyThoughtRecord(therapist, client, threeDaysAgo);

        clinic.as(client).when().get("/api/v1/assignments/{id}", assignmentId)
                .then().statusCode(200).body("title", equalTo("Daily thought record")).body("status", equalTo("ASSIGNED"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> clinic.as(client)
                .when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.title", hasItem("New homework: Daily thought record")));

        UUID entryId = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> clinic.as(client).contentType(ContentType.JSON)
                .body(Map.of("id", entryId, "assignmentId", assignmentId, "status", "DONE",
                        "occurrenceKey", threeDaysAgo.plusDays(1) + "T20:00"))
                .when().post("/api/v1/progress-entries")
                .then().statusCode(201));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> clinic.as(therapist)
                .when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.kind", hasItem("progress.recorded")));
    }

    @Test
    void theGatewayRefusesATamperedToken() {
        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person therapist = clinic.therapist();
        String forged = therapist.token().substring(0, therapist.token().lastIndexOf('.') + 1) + "AAAA";
        given().baseUri(platform.gatewayUrl()).auth().oauth2(forged)
                .when().get("/api/v1/notifications")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private static String text(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
