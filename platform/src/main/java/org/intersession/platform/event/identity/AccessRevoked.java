package org.intersession.platform.event.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Access tokens issued at or before {@code revokedAt} must stop working at once, before they expire: those of one
 * session of a user ({@link #SESSION}: a logout, or a replayed refresh token) or every one of an API client
 * ({@link #API_CLIENT}: revoked by an admin). A deactivated user's tokens stop with {@link UserChanged#DEACTIVATED}.
 * Every service applies these to its own {@code token_revocation} table.
 *
 * @param subjectId the user or API client whose tokens stop
 * @param sessionId the session (a token's {@code sid} claim), or null for every token of the subject
 */
public record AccessRevoked(UUID subjectId, UUID clinicId, UUID sessionId, OffsetDateTime revokedAt) {

    public static final String SESSION = "org.intersession.identity.session.revoked.v1";
    public static final String API_CLIENT = "org.intersession.identity.api-client.revoked.v1";
}
