package org.intersession.gateway.keys;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.intersession.gateway.auth.TokenIssuer;

/** The operator rotates the token signing key; the old key keeps verifying for the configured overlap. */
@Path("/api/v1/signing-keys/rotate")
@RolesAllowed(TokenIssuer.OPERATOR_ROLE)
public class KeyRotationResource {

    public record Rotated(String keyId) {
    }

    private final SigningKeys keys;

    KeyRotationResource(SigningKeys keys) {
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Rotated rotate() {
        return new Rotated(keys.rotate());
    }
}
