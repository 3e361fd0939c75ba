package org.intersession.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.gateway.user.User;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.InvitationCreated;
import org.intersession.platform.outbox.Outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Issues one-time invitation tokens; notification-service emails them from the invitation event. */
@ApplicationScoped
public class InvitationService {

    public record Issued(String token, OffsetDateTime expiresAt) {
    }

    private final Outbox outbox;
    private final TokenConfig config;

    InvitationService(Outbox outbox, TokenConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Issued invite(User user) {
        String token = Secrets.newSecret("inv_");
        Invitation invitation = new Invitation();
        invitation.tokenHash = Secrets.hash(token);
        invitation.userId = user.id;
        invitation.expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(config.invitationLifetime());
        invitation.persist();
        outbox.append(Topics.IDENTITY, user.id.toString(), InvitationCreated.TYPE, "users/" + user.id + "/invitation",
                new InvitationCreated(user.id, user.clinicId, user.email, user.displayName, token, invitation.expiresAt));
        return new Issued(token, invitation.expiresAt);
    }
}
