package org.intersession.notification.email;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.inject.Inject;
import org.intersession.platform.event.SealedPayloads;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.InvitationCreated;
import org.intersession.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class InvitationMailerTest {

    @Inject
    SealedPayloads sealing;

    @Test
    void anInvitedUserReceivesTheirCodeByEmailOnce() throws Exception {
        UUID user = UUID.randomUUID();
        String address = "invitee-" + user + "@clinic.test";
        String code = "inv_" + UUID.randomUUID();
        InvitationCreated invitation = InvitationCreated.of(user, UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC).plusDays(7),
                sealing.seal(new InvitationCreated.Invitee(address, "Casey", code), user.toString()));
        String eventId = TestEvents.publish(Topics.IDENTITY, user.toString(), InvitationCreated.TYPE, "users/" + user, invitation);
        TestEvents.publish(Topics.IDENTITY, user.toString(), "org.intersession.identity.user.updated.v1", "users/" + user,
                java.util.Map.of("userId", user.toString()));

        await().atMost(Duration.ofSeconds(30)).until(() -> SmtpServer.messagesTo(address).length == 1);
        MimeMessage message = SmtpServer.messagesTo(address)[0];
        assertEquals("Your invitation to Intersession", message.getSubject());
        String body = String.valueOf(message.getContent());
        assertTrue(body.contains(code), "the code is in the email");
        assertTrue(body.contains("Hello Casey"));
        assertFalse(body.toLowerCase().contains("thought record"), "no clinical details in an invitation");
        assertFalse(eventId.isEmpty());
        assertFalse(org.intersession.testing.TopicProbe.await(Topics.NOTIFICATION, v -> v.contains("org.intersession.notification.sent.v1")
                && v.contains(user.toString()) && v.contains("\"channel\":\"EMAIL\"") && !v.contains(code),
                Duration.ofSeconds(30)).isEmpty(), "notification.sent for the email, without its content");
    }

    /** Events written before invitations were sealed carried the code in clear; those still in a topic are mailed. */
    @Test
    void anInvitationWrittenBeforeSealingStillReachesItsInvitee() throws Exception {
        UUID user = UUID.randomUUID();
        String address = "earlier-" + user + "@clinic.test";
        String code = "inv_" + UUID.randomUUID();
        TestEvents.publish(Topics.IDENTITY, user.toString(), InvitationCreated.TYPE, "users/" + user,
                new InvitationCreated(user, UUID.randomUUID(), address, "Dana", code, OffsetDateTime.now(ZoneOffset.UTC).plusDays(7), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> SmtpServer.messagesTo(address).length == 1);
        assertTrue(String.valueOf(SmtpServer.messagesTo(address)[0].getContent()).contains(code));
    }

    /** A sealed value copied from another user's event does not open: the event goes to the dead-letter topic, unmailed. */
    @Test
    void aSealedInvitationMovedToAnotherUserDoesNotOpen() {
        UUID victim = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String address = "moved-" + victim + "@clinic.test";
        String sealed = sealing.seal(new InvitationCreated.Invitee(address, "Eve", "inv_x"), victim.toString());
        String eventId = TestEvents.publish(Topics.IDENTITY, other.toString(), InvitationCreated.TYPE, "users/" + other,
                InvitationCreated.of(other, UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC).plusDays(7), sealed));
        assertFalse(org.intersession.testing.TopicProbe.await("intersession.dlq.notification-service",
                v -> v.contains(eventId), Duration.ofSeconds(30)).isEmpty(), "the event is dead-lettered");
        assertEquals(0, SmtpServer.messagesTo(address).length);
    }
}
