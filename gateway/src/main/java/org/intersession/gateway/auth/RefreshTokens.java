package org.intersession.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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

    RefreshTokens(TokenConfig config) {
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public String startFamily(UUID userId) {
        return issue(userId, UUID.randomUUID());
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
            revokeFamily(token.familyId);
            return Optional.empty();
        }
        token.usedAt = now;
        return Optional.of(new Rotated(token.userId, issue(token.userId, token.familyId)));
    }

    /** Logout: the presented token's family ends. Unknown tokens are ignored, so logout never reveals anything. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeFamilyOf(String presented) {
        RefreshToken.<RefreshToken>findByIdOptional(Secrets.hash(presented)).ifPresent(t -> revokeFamily(t.familyId));
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

    public record Rotated(UUID userId, String refreshToken) {
    }
}
