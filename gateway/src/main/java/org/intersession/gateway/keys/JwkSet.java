package org.intersession.gateway.keys;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The shape of the JWK set served at /.well-known/jwks.json (RFC 7517), for the API document. */
@Schema(description = "The public keys that verify access tokens: the current one and those still in their overlap.")
record JwkSet(@Schema(maxItems = 20) List<Jwk> keys) {

    @Schema(description = "One RSA public key (RFC 7517, RFC 7518 §6.3).")
    record Jwk(@Schema(enumeration = "RSA") String kty,
               @Schema(maxLength = 100, description = "The key id that tokens name in their `kid` header.") String kid,
               @Schema(enumeration = "sig") String use,
               @Schema(enumeration = "RS256") String alg,
               @Schema(maxLength = 1024, description = "The modulus, base64url.") String n,
               @Schema(maxLength = 16, description = "The exponent, base64url.") String e) {
    }
}
