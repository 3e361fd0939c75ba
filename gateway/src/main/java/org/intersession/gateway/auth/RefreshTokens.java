package org.intersession.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.gateway.user.User;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens in families. A login starts a family; each use marks the token used and issues the next one
 * in the same family. Presenting a token that was already used means it was copied: the whole family is revoked.
 */
@ApplicationScoped
public class RefreshTokens {

    private final TokenConfig config;
    private final AccessRevocation access;

    RefreshTokens(TokenConfig config, AccessRevocation access) {
        this.config = config;
        this.access = access;
    }

    /** A login's session: its refresh-token family, whose id its access tokens carry as {@code sid}. */
    public record Session(UUID id, String refreshToken) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Session startFamily(UUID userId) {
        UUID family = UUID.randomUUID();
        return new Session(family, issue(userId, family));
    }

    /** @return the user and the next token, or empty when the token is unknown, expired, revoked or replayed */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Rotated> rotate(String presented) {
        RefreshToken token = RefreshToken.<RefreshToken>findByIdOptional(Secrets.hash(presented),
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).orElse(null);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (token == null || token.revokedAt != null || token.expiresAt.isBefore(now)) {
            return Optional.empty();
        }
        if (token.usedAt != null) {
            endSession(token);
            return Optional.empty();
        }
        token.usedAt = now;
        return Optional.of(new Rotated(token.userId, new Session(token.familyId, issue(token.userId, token.familyId))));
    }

    /**
     * Logout: the presented token's family ends, and so do the access tokens of that session, everywhere within
     * seconds. Unknown tokens are ignored, so logout never reveals anything.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeFamilyOf(String presented) {
        RefreshToken.<RefreshToken>findByIdOptional(Secrets.hash(presented)).ifPresent(this::endSession);
    }

    private void endSession(RefreshToken token) {
        revokeFamily(token.familyId);
        User.<User>findByIdOptional(token.userId).ifPresent(user -> access.endSession(user.id, user.clinicId, token.familyId));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeAllOf(UUID userId) {
        RefreshToken.update("revokedAt = ?1 where userId = ?2 and revokedAt is null", OffsetDateTime.now(ZoneOffset.UTC), userId);
    }

    private void revokeFamily(UUID familyId) {
        RefreshToken.update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", OffsetDateTime.now(ZoneOffset.UTC), familyId);
    }

    private String issue(UUID userId, UUID familyId) {
        String value = Secrets.newSecret("rt_");
        RefreshToken token = new RefreshToken();
        token.tokenHash = Secrets.hash(value);
        token.familyId = familyId;
        token.userId = userId;
        token.issuedAt = OffsetDateTime.now(ZoneOffset.UTC);
        token.expiresAt = token.issuedAt.plus(config.refreshTokenLifetime());
        token.persist();
        return value;
    }

    public record Rotated(UUID userId, Session session) {
    }
}
