package org.intersession.gateway.keys;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.gateway.auth.TokenIssuer;

/** The operator rotates the token signing key; the old key keeps verifying for the configured overlap. */
@Tag(name = "Signing keys", description = "The keys that sign access tokens.")
@Path("/api/v1/signing-keys/rotate")
@RolesAllowed(TokenIssuer.OPERATOR_ROLE)
public class KeyRotationResource {

    @Schema(name = "RotatedSigningKey")
    public record Rotated(String keyId) {
    }

    private final SigningKeys keys;

    KeyRotationResource(SigningKeys keys) {
        this.keys = keys;
    }

    @Operation(operationId = "rotateSigningKey", summary = "Rotate the signing key",
            description = "The platform operator starts signing with a new key; the old one keeps verifying for the configured overlap.")
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Rotated rotate() {
        return new Rotated(keys.rotate());
    }
}
