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
        given().contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("refreshToken", client.refreshToken()))
                .when().post("/api/v1/auth/logout").then().statusCode(204);

        assertPublished(UserChanged.CREATED, client.id().toString());
        assertPublished(InvitationCreated.TYPE, client.id().toString());
        assertPublished(ClientProfileChanged.TYPE, client.id().toString());
        assertPublished(UserChanged.UPDATED, client.id().toString());       // accepted the invitation
        assertPublished(CareTeamChanged.LINKED, client.id().toString());
        assertPublished(CareTeamChanged.UNLINKED, client.id().toString());
        assertPublished(UserChanged.DEACTIVATED, therapist.id().toString());
        assertPublished(org.intersession.platform.event.identity.AccessRevoked.SESSION, client.id().toString());
    }

    /** A reader of the identity topic learns no invitation code, no email address, no name and no contact address. */
    @Test
    void noSecretNameOrAddressCrossesTheTopicInClear() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        String email = "Sealed.Client-" + java.util.UUID.randomUUID() + "@clinic.test";
        String name = "Quinn Sealed-" + java.util.UUID.randomUUID();
        String phone = "+49 30 " + (1_000_000 + new java.util.Random().nextInt(8_000_000));
        JsonPath created = given().auth().oauth2(clinic.admin().accessToken()).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("email", email, "displayName", name, "role", "CLIENT", "profile", java.util.Map.of(
                        "timeZone", "Europe/Berlin",
                        "channels", List.of(java.util.Map.of("type", "SMS", "address", phone, "consented", true)))))
                .when().post("/api/v1/users").then().statusCode(201).extract().jsonPath();
        String userId = created.getString("user.id");
        String code = created.getString("invitationToken");

        List<ConsumerRecord<String, String>> all = new java.util.ArrayList<>();
        for (String type : List.of(UserChanged.CREATED, InvitationCreated.TYPE, ClientProfileChanged.TYPE)) {
            List<ConsumerRecord<String, String>> records = TopicProbe.await(Topics.IDENTITY,
                    value -> value.contains(type) && value.contains(userId), Duration.ofSeconds(30));
            assertFalse(records.isEmpty(), type + " published");
            all.addAll(records);
        }
        for (ConsumerRecord<String, String> record : all) {
            String value = record.value();
            for (String secret : List.of(code, code.substring(4), email, email.toLowerCase(), name, phone)) {
                assertFalse(value.contains(secret), "in clear on the topic: " + secret + " in " + value);
            }
        }
        List<ConsumerRecord<String, String>> invitation = all.stream()
                .filter(r -> r.value().contains(InvitationCreated.TYPE)).toList();
        // notification-service, holding the events key, opens what it needs to send the invitation
        InvitationCreated event = JsonPath.from(invitation.get(0).value()).getObject("data", InvitationCreated.class);
        InvitationCreated.Invitee invitee = event.invitee(sealing);
        assertEquals(code, invitee.code());
        assertEquals(email, invitee.email());
        assertEquals(name, invitee.displayName());
    }

    @jakarta.inject.Inject
    org.intersession.platform.event.SealedPayloads sealing;

    private static void assertPublished(String type, String key) {
        List<ConsumerRecord<String, String>> records = TopicProbe.await(Topics.IDENTITY,
                value -> JsonPath.from(value).getString("type").equals(type) && value.contains(key), Duration.ofSeconds(30));
        assertFalse(records.isEmpty(), type + " for " + key + " was published");
        assertEquals(key, records.get(0).key(), "keyed by the user concerned");
        assertFalse(JsonPath.from(records.get(0).value()).getString("subject").contains("@"), "no email in context attributes");
    }
}
