package org.intersession.gateway.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.intersession.gateway.IdentityFixture;
import org.intersession.gateway.IdentityFixture.ClinicWithAdmin;
import org.intersession.gateway.IdentityFixture.Member;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.CareTeamChanged;
import org.intersession.platform.event.identity.ClientProfileChanged;
import org.intersession.platform.event.identity.InvitationCreated;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every identity change is published through the outbox, keyed by the user it concerns. */
@QuarkusTest
class IdentityEventsTest {

    @Test
    void eachIdentityChangeIsPublished() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member therapist = IdentityFixture.therapist(clinic);
        Member client = IdentityFixture.client(clinic);
        IdentityFixture.link(clinic, client, therapist);
        given().auth().oauth2(clinic.admin().accessToken())
                .when().delete("/api/v1/clients/{c}/care-team/{t}", client.id(), therapist.id()).then().statusCode(204);
        given().auth().oauth2(clinic.admin().accessToken())
                .when().post("/api/v1/users/{id}/deactivate", therapist.id()).then().statusCode(200);

        assertPublished(UserChanged.CREATED, client.id().toString());
        assertPublished(InvitationCreated.TYPE, client.id().toString());
        assertPublished(ClientProfileChanged.TYPE, client.id().toString());
        assertPublished(UserChanged.UPDATED, client.id().toString());       // accepted the invitation
        assertPublished(CareTeamChanged.LINKED, client.id().toString());
        assertPublished(CareTeamChanged.UNLINKED, client.id().toString());
        assertPublished(UserChanged.DEACTIVATED, therapist.id().toString());
    }

    private static void assertPublished(String type, String key) {
        List<ConsumerRecord<String, String>> records = TopicProbe.await(Topics.IDENTITY,
                value -> JsonPath.from(value).getString("type").equals(type) && value.contains(key), Duration.ofSeconds(30));
        assertFalse(records.isEmpty(), type + " for " + key + " was published");
        assertEquals(key, records.get(0).key(), "keyed by the user concerned");
        assertFalse(JsonPath.from(records.get(0).value()).getString("subject").contains("@"), "no email in context attributes");
    }
}
