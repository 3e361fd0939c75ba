package org.intersession.platform.event.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A new user was invited; notification-service emails them the one-time token, which only works once and expires.
 * The token is in {@code data} only, and only the gateway can redeem it.
 */
public record InvitationCreated(UUID userId, UUID clinicId, String email, String displayName, String token,
                                OffsetDateTime expiresAt) {

    public static final String TYPE = "org.intersession.identity.invitation.created.v1";
}
