package org.intersession.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * SmallRye JWT's own verification (RS256 pinned, issuer, audience, expiry, keys from the gateway's JWKS), done once per
 * token rather than once per request. The gateway replaces it with a verifier of its own at a higher priority.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingTokenVerifier extends JWTCallerPrincipalFactory {

    private final JWTCallerPrincipalFactory smallRye = new DefaultJWTCallerPrincipalFactory();
    private final VerifiedTokens verified;

    CachingTokenVerifier(VerifiedTokens verified) {
        this.verified = verified;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verified.verify(token, () -> smallRye.parse(token, context));
    }
}
