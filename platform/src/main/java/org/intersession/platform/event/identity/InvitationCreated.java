package org.intersession.platform.event.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A new user was invited; notification-service emails them the one-time code, which only works once and expires.
 * The code and the invitee's address and name are sealed in {@code sealed} ({@link Invitee}, with
 * {@link org.intersession.platform.event.SealedPayloads}, bound to the user id): a reader of the topic cannot redeem
 * an invitation, and only notification-service can open it.
 *
 * @param email       always null since invitations are sealed; set only in events written before
 * @param displayName always null since invitations are sealed; set only in events written before
 * @param token       always null since invitations are sealed; set only in events written before
 * @param sealed      a sealed {@link Invitee}
 */
public record InvitationCreated(UUID userId, UUID clinicId, String email, String displayName, String token,
                                OffsetDateTime expiresAt, String sealed) {

    public static final String TYPE = "org.intersession.identity.invitation.created.v1";

    public record Invitee(String email, String displayName, String code) {
    }

    public static InvitationCreated of(UUID userId, UUID clinicId, OffsetDateTime expiresAt, String sealedInvitee) {
        return new InvitationCreated(userId, clinicId, null, null, null, expiresAt, sealedInvitee);
    }

    /** What the event says of the invitee, from the sealed value, or from the plain fields of an older event. */
    public Invitee invitee(org.intersession.platform.event.SealedPayloads sealing) {
        return sealed != null ? sealing.open(sealed, userId.toString(), Invitee.class) : new Invitee(email, displayName, token);
    }
}
