package org.intersession.gateway.keys;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.Claims;
import org.intersession.platform.security.VerifiedTokens;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import java.util.ArrayList;

/**
 * The gateway verifies its own tokens against its live key set, so a rotation takes effect at once, with no restart
 * and no HTTP round trip to itself. The rules are those the services apply through SmallRye JWT: RS256 only,
 * issuer and audience pinned, expiry and issue time required, the configured clock skew.
 */
@Alternative
@Priority(2) // above the services' CachingTokenVerifier, which the platform library brings along
@ApplicationScoped
public class GatewayTokenVerifier extends JWTCallerPrincipalFactory {

    private final SigningKeys keys;
    private final VerifiedTokens verified;

    GatewayTokenVerifier(SigningKeys keys, VerifiedTokens verified) {
        this.keys = keys;
        this.verified = verified;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verified.verify(token, () -> verify(token, context));
    }

    private JWTCallerPrincipal verify(String token, JWTAuthContextInfo context) throws ParseException {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new ArrayList<>(keys.verificationKeys())))
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setExpectedIssuer(true, context.getIssuedBy())
                .setExpectedAudience(true, context.getExpectedAudience().toArray(String[]::new))
                .setAllowedClockSkewInSeconds(context.getClockSkew())
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(token);
            claims.setClaim(Claims.raw_token.name(), token);
            return new DefaultJWTCallerPrincipal(token, "JWT", claims);
        } catch (InvalidJwtException e) {
            throw new ParseException("token rejected: " + e.getOriginalMessage(), e);
        }
    }
}
