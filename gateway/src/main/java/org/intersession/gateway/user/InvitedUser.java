package org.intersession.gateway.user;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/**
 * A created user with their one-time invitation code. The code is shown only in this response and only to a human
 * caller (a clinic admin, or the operator for a clinic's first admin); an app gets null, and the invitee the email.
 */
public record InvitedUser(UserView user,
                          @Schema(nullable = true, description = "The one-time invitation code, for a human caller only; null for an API client") String invitationToken,
                          OffsetDateTime invitationExpiresAt) {

    InvitedUser withoutToken() {
        return new InvitedUser(user, null, invitationExpiresAt);
    }
}
