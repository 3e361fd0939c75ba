package org.intersession.assignment.outbox;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.intersession.assignment.AssignmentFixture;
import org.intersession.infra.KafkaBroker;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.event.Topics;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.testing.SharedServers;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transactional outbox: writes succeed while Kafka is down, and their events follow once it is back. The backlog
 * shows on /q/metrics meanwhile, and drains.
 */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    EntityManager em;

    @Inject
    IdentityReplica identity;

    @Test
    void writesSucceedWhileTheBrokerIsDownAndTheirEventsArePublishedAfterItReturns() throws IOException {
        AssignmentFixture f = new AssignmentFixture(identity);
        double publishedBefore = metric("intersession_outbox_published_total");

        KafkaBroker kafka = SharedServers.kafka();
        kafka.stop();
        String id;
        try {
            id = given().auth().oauth2(f.therapistToken())
                    .contentType(ContentType.JSON)
                    .body(f.dailyThoughtRecord())
                    .when().post("/api/v1/assignments")
                    .then().statusCode(201).extract().path("id");
            assertEquals(Boolean.FALSE, published(id), "the event waits in the outbox");
            await().atMost(Duration.ofSeconds(30)).until(() -> metric("intersession_outbox_pending") >= 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> metric("intersession_outbox_oldest_pending_age_seconds") >= 1);
        } finally {
            kafka.start();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> Boolean.TRUE.equals(published(id)));
        assertTrue(metric("intersession_outbox_published_total") >= publishedBefore + 1, "the relay counts what it published");
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("intersession_outbox_pending") == 0
                && metric("intersession_outbox_oldest_pending_age_seconds") == 0);
        String subject = "assignments/" + id;
        assertFalse(TopicProbe.await(Topics.ASSIGNMENT, value -> value.contains(subject), Duration.ofSeconds(30)).isEmpty(),
                "the event reached the topic after the broker returned");
    }

    /** One value from the Prometheus text on /q/metrics (a meter without tags). */
    static double metric(String name) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(name + " is not on /q/metrics"));
    }

    /** Whether the outbox row of the assignment's event was marked sent; null if there is no row. */
    private Boolean published(String assignmentId) {
        return Tenancy.withoutClinic(() -> QuarkusTransaction.requiringNew().call(() -> (Boolean) em
                .createNativeQuery("select sent_at is not null from outbox_event where envelope like :subject", Boolean.class)
                .setParameter("subject", "%\"subject\":\"assignments/" + assignmentId + "\"%")
                .getResultStream().findFirst().orElse(null)));
    }
}
