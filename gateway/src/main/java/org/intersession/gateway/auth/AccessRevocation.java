package org.intersession.gateway.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.AccessRevoked;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.security.TokenRevocations;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Stops access tokens before they expire, at the gateway at once and at every service within seconds: the gateway's
 * own revocation list is written in the caller's transaction, and an identity event carries it to the services.
 * A deactivated user's tokens go the same way, with the user's deactivation event.
 */
@ApplicationScoped
public class AccessRevocation {

    private final TokenRevocations revocations;
    private final Outbox outbox;
    private final TokenConfig tokens;

    AccessRevocation(TokenRevocations revocations, Outbox outbox, TokenConfig tokens) {
        this.revocations = revocations;
        this.outbox = outbox;
        this.tokens = tokens;
    }

    /** A revocation is kept as long as a token it covers could live; a longer token lifetime would outlive it. */
    void checkLifetimes(@Observes StartupEvent started) {
        if (tokens.accessTokenLifetime().compareTo(revocations.keepFor()) > 0) {
            throw new IllegalStateException("intersession.tokens.access-token-lifetime (" + tokens.accessTokenLifetime()
                    + ") must not exceed intersession.revocations.keep-for (" + revocations.keepFor() + ")");
        }
    }

    /** A logout, or a replayed refresh token: the session's access tokens stop. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endSession(UUID userId, UUID clinicId, UUID sessionId) {
        revokeAndPublish(AccessRevoked.SESSION, userId, clinicId, sessionId);
    }

    /** A revoked API client: every token it holds stops. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endApiClient(UUID apiClientId, UUID clinicId) {
        revokeAndPublish(AccessRevoked.API_CLIENT, apiClientId, clinicId, null);
    }

    /** A deactivated user: every token stops here; the services learn it from the user's deactivation event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endUser(UUID userId) {
        revocations.revoke(userId, null, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private void revokeAndPublish(String type, UUID subject, UUID clinicId, UUID session) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        revocations.revoke(subject, session, now);
        String path = type.equals(AccessRevoked.SESSION) ? "users/" + subject + "/sessions/" + session : "api-clients/" + subject;
        outbox.append(Topics.IDENTITY, subject.toString(), type, path, new AccessRevoked(subject, clinicId, session, now));
    }
}
