package org.intersession.gateway.user;

import java.time.OffsetDateTime;

/** A created user with their one-time invitation token, shown only in this response (and emailed to them). */
public record InvitedUser(UserView user, String invitationToken, OffsetDateTime invitationExpiresAt) {
}
