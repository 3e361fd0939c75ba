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

/** The transactional outbox: writes succeed while Kafka is down, and their events follow once it is back. */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    EntityManager em;

    @Inject
    IdentityReplica identity;

    @Test
    void writesSucceedWhileTheBrokerIsDownAndTheirEventsArePublishedAfterItReturns() throws IOException {
        AssignmentFixture f = new AssignmentFixture(identity);

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
        } finally {
            kafka.start();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> Boolean.TRUE.equals(published(id)));
        String subject = "assignments/" + id;
        assertFalse(TopicProbe.await(Topics.ASSIGNMENT, value -> value.contains(subject), Duration.ofSeconds(30)).isEmpty(),
                "the event reached the topic after the broker returned");
    }

    /** Whether the outbox row of the assignment's event was marked sent; null if there is no row. */
    private Boolean published(String assignmentId) {
        return Tenancy.withoutClinic(() -> QuarkusTransaction.requiringNew().call(() -> (Boolean) em
                .createNativeQuery("select sent_at is not null from outbox_event where envelope like :subject", Boolean.class)
                .setParameter("subject", "%\"subject\":\"assignments/" + assignmentId + "\"%")
                .getResultStream().findFirst().orElse(null)));
    }
}
