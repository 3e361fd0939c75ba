package org.intersession.gateway.keys;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public signing keys (RFC 7517). Services fetch them to verify tokens; cached briefly so rotations spread fast. */
@Tag(name = "Signing keys", description = "The keys that sign access tokens.")
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final SigningKeys keys;

    JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @Operation(operationId = "getJwks", summary = "Read the token signing keys",
            description = "The public keys that verify access tokens, as an RFC 7517 JWK set.")
    @APIResponse(responseCode = "200", description = "The JWK set.", content = @Content(mediaType = "application/jwk-set+json",
            schema = @Schema(implementation = JwkSet.class)))
    @GET
    @Produces("application/jwk-set+json")
    public Response jwks() {
        return Response.ok(keys.jwks()).header("Cache-Control", "public, max-age=300").build();
    }
}
