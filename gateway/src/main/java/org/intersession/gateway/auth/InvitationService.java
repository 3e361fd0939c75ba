package org.intersession.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.intersession.gateway.clinic.Clinic;
import org.intersession.gateway.user.User;
import org.intersession.platform.event.SealedPayloads;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.InvitationCreated;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Issues one-time invitation tokens; notification-service emails them from the invitation event. */
@ApplicationScoped
public class InvitationService {

    public record Issued(String token, OffsetDateTime expiresAt) {
    }

    private final Outbox outbox;
    private final TokenConfig config;
    private final SealedPayloads sealing;

    InvitationService(Outbox outbox, TokenConfig config, SealedPayloads sealing) {
        this.outbox = outbox;
        this.config = config;
        this.sealing = sealing;
    }

    /** @param issuer who invites: a clinic admin or an API client of the clinic, or null for the operator */
    @Transactional(Transactional.TxType.MANDATORY)
    public Issued invite(User user, Caller issuer) {
        // the clinic row is locked so that concurrent invitations cannot both pass the cap
        Clinic.findById(user.clinicId, LockModeType.PESSIMISTIC_WRITE);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long pending = Invitation.count("usedAt is null and revokedAt is null and expiresAt > ?1"
                + " and userId in (select u.id from User u where u.clinicId = ?2)", now, user.clinicId);
        if (pending >= config.maxPendingInvitationsPerClinic()) {
            throw ApiProblemException.conflict("This clinic has " + pending + " open invitations, the most it may have; "
                    + "wait until some are accepted or expire");
        }
        String token = Secrets.newSecret("inv_");
        Invitation invitation = new Invitation();
        invitation.tokenHash = Secrets.hash(token);
        invitation.userId = user.id;
        invitation.expiresAt = now.plus(config.invitationLifetime());
        invitation.issuedByApiClient = issuer != null && issuer.isApiClient() ? issuer.id() : null;
        invitation.persist();
        outbox.append(Topics.IDENTITY, user.id.toString(), InvitationCreated.TYPE, "users/" + user.id + "/invitation",
                InvitationCreated.of(user.id, user.clinicId, invitation.expiresAt, sealing.seal(
                        new InvitationCreated.Invitee(user.email, user.displayName, token), user.id.toString())));
        return new Issued(token, invitation.expiresAt);
    }

    /** The user's open invitations stop working (a new one replaces them). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdrawOpenOf(UUID userId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Invitation.update("revokedAt = ?1 where userId = ?2 and usedAt is null and revokedAt is null", now, userId);
    }

    /** Every open invitation the API client issued stops working; its invitees stay invited, for an admin to re-invite. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int withdrawIssuedBy(UUID apiClientId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Invitation.update("revokedAt = ?1 where issuedByApiClient = ?2 and usedAt is null and revokedAt is null",
                now, apiClientId);
    }
}
