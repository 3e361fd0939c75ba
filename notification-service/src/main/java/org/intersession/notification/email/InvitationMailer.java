package org.intersession.notification.email;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.SealedPayloads;
import org.intersession.platform.event.identity.InvitationCreated;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.consume.ConsumerTransaction;
import org.intersession.platform.inbox.Inbox;

import java.time.format.DateTimeFormatter;

/**
 * Consumes the gateway's identity events: keeps the client-profile replica and the address book, and emails each
 * invitation code.
 */
@ApplicationScoped
public class InvitationMailer {

    private static final String CONSUMER = "notification-service/identity-events";

    private final ConsumerTransaction transaction;
    private final EventCodec codec;
    private final Inbox inbox;
    private final EmailQueue emails;
    private final IdentityReplica identity;
    private final EmailChannel contacts;
    private final String invitationUrl;
    private final SealedPayloads sealing;

    InvitationMailer(ConsumerTransaction transaction, EventCodec codec, Inbox inbox, EmailQueue emails, IdentityReplica identity, EmailChannel contacts,
                     @ConfigProperty(name = "intersession.notification.invitation-url") String invitationUrl,
                     SealedPayloads sealing) {
        this.sealing = sealing;
        this.transaction = transaction;
        this.codec = codec;
        this.inbox = inbox;
        this.emails = emails;
        this.identity = identity;
        this.contacts = contacts;
        this.invitationUrl = invitationUrl;
    }

    @Incoming("identity-events")
    @Blocking
    public void consume(String record) {
        transaction.run(CONSUMER, record, this::apply);
    }

    private void apply(CloudEvent event) {
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        identity.apply(event);
        contacts.apply(event);
        if (!event.hasType(InvitationCreated.TYPE)) {
            return;
        }
        InvitationCreated invitation = codec.data(event, InvitationCreated.class);
        InvitationCreated.Invitee invitee = invitation.invitee(sealing);
        String text = "Hello " + invitee.displayName() + ",\n\n"
                + "you have been invited to Intersession, where your care team shares homework between sessions.\n"
                + "Set your password here: " + invitationUrl + invitee.code() + "\n\n"
                + "Or enter this invitation code in the app: " + invitee.code() + "\n"
                + "It can be used once, until " + DateTimeFormatter.RFC_1123_DATE_TIME.format(invitation.expiresAt()) + ".\n\n"
                + "If you did not expect this email, you can ignore it.\n";
        emails.enqueue(event, new EmailQueue.Email(invitation.clinicId(), invitation.userId(), "invitation",
                invitee.email(), "Your invitation to Intersession", text));
    }
}
