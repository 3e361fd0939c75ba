package org.intersession.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.intersession.gateway.clinic.Clinic;
import org.intersession.gateway.user.User;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.InvitationCreated;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.problem.ApiProblemException;

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
        // the clinic row is locked so that concurrent invitations cannot both pass the cap
        Clinic.findById(user.clinicId, LockModeType.PESSIMISTIC_WRITE);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long pending = Invitation.count("usedAt is null and expiresAt > ?1 and userId in (select u.id from User u where u.clinicId = ?2)",
                now, user.clinicId);
        if (pending >= config.maxPendingInvitationsPerClinic()) {
            throw ApiProblemException.conflict("This clinic has " + pending + " open invitations, the most it may have; "
                    + "wait until some are accepted or expire");
        }
        String token = Secrets.newSecret("inv_");
        Invitation invitation = new Invitation();
        invitation.tokenHash = Secrets.hash(token);
        invitation.userId = user.id;
        invitation.expiresAt = now.plus(config.invitationLifetime());
        invitation.persist();
        outbox.append(Topics.IDENTITY, user.id.toString(), InvitationCreated.TYPE, "users/" + user.id + "/invitation",
                new InvitationCreated(user.id, user.clinicId, user.email, user.displayName, token, invitation.expiresAt));
        return new Issued(token, invitation.expiresAt);
    }
}
