package org.intersession.gateway.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.gateway.keys.SigningKeys;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Signs access tokens: RS256 with the current key and its kid; claims iss, aud, sub, clinic, groups, scope, sid, jti,
 * iat, exp. */
@ApplicationScoped
public class TokenIssuer {

    public static final String OPERATOR_ROLE = "PLATFORM_OPERATOR";
    /** The operator is not a user of any clinic; it has this fixed subject and no clinic claim. */
    public static final UUID OPERATOR_SUBJECT = new UUID(0, 0);

    private final SigningKeys keys;
    private final TokenConfig config;
    private final String issuer;
    private final String audience;

    TokenIssuer(SigningKeys keys, TokenConfig config,
                @ConfigProperty(name = "intersession.jwt.issuer") String issuer,
                @ConfigProperty(name = "intersession.jwt.audience") String audience) {
        this.keys = keys;
        this.config = config;
        this.issuer = issuer;
        this.audience = audience;
    }

    public String forUser(UUID userId, UUID clinicId, String role) {
        return sign(claims(userId).claim("clinic", clinicId.toString()).groups(Set.of(role)));
    }

    /** A user's token in a session ({@code sid}: its refresh-token family), which a logout revokes at once. */
    public String forUser(UUID userId, UUID clinicId, String role, UUID sessionId) {
        return sign(claims(userId).claim("clinic", clinicId.toString()).claim("sid", sessionId.toString()).groups(Set.of(role)));
    }

    public String forApiClient(UUID apiClientId, UUID clinicId, Set<String> scopes) {
        return sign(claims(apiClientId).claim("clinic", clinicId.toString()).claim("scope", String.join(" ", scopes)));
    }

    public String forOperator() {
        return sign(claims(OPERATOR_SUBJECT).groups(Set.of(OPERATOR_ROLE)));
    }

    public long lifetimeSeconds() {
        return config.accessTokenLifetime().toSeconds();
    }

    private JwtClaimsBuilder claims(UUID subject) {
        Instant now = Instant.now();
        return Jwt.issuer(issuer).audience(audience).subject(subject.toString())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenLifetime()));
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .keyId(keys.signingKey().getKeyId())
                .sign(keys.signingKey().getRsaPrivateKey());
    }
}
