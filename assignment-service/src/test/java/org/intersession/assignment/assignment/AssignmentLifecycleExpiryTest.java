package org.intersession.assignment.assignment;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.intersession.assignment.AssignmentFixture;
import org.intersession.platform.event.Topics;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class AssignmentLifecycleExpiryTest {

    @Inject
    IdentityReplica identity;

    @Inject
    AssignmentService assignments;

    @Test
    void anAssignmentWhoseLastOccurrenceHasPassedExpires() {
        AssignmentFixture f = new AssignmentFixture(identity);
        LocalDateTime yesterday = LocalDateTime.now(ZoneId.of("Europe/Berlin")).minusDays(1).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> past = f.dailyThoughtRecord();
        past.put("schedule", Map.of("type", "ONE_OFF", "dueAt", yesterday.toString(), "windowAfterMinutes", 60));
        String ended = f.create(past);
        Map<String, Object> counted = f.dailyThoughtRecord();
        counted.put("schedule", Map.of("type", "RECURRING", "start", yesterday.minusDays(10).toString(), "rrule", "FREQ=DAILY;COUNT=3"));
        String countedOut = f.create(counted);
        String ongoing = f.create(f.dailyThoughtRecord());

        assignments.expireEnded();

        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/assignments/{id}", ended)
                .then().statusCode(200).body("status", equalTo("EXPIRED"));
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/assignments/{id}", countedOut)
                .then().statusCode(200).body("status", equalTo("EXPIRED"));
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/assignments/{id}", ongoing)
                .then().statusCode(200).body("status", equalTo("ASSIGNED"));
        assertFalse(TopicProbe.await(Topics.ASSIGNMENT, v -> v.contains("assignment.expired.v1") && v.contains(ended),
                Duration.ofSeconds(30)).isEmpty(), "expired was published");
    }
}
