package org.intersession.gateway.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import org.intersession.gateway.keys.SigningKeys;
import org.intersession.testing.TestTokens;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Forged and misissued tokens are refused with a 401 problem, both by the gateway's own API and before proxying. */
@QuarkusTest
class TokenAttacksTest {

    @Inject
    SigningKeys keys;

    @Inject
    TokenIssuer issuer;

    private final UUID clinic = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users", "/api/v1/assignments"})
    void algNoneIsRefused(String path) throws Exception {
        String[] valid = valid().split("\\.");
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + keys.signingKey().getKeyId() + "\"}");
        assertRefused(path, header + "." + valid[1] + ".");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users", "/api/v1/assignments"})
    void hs256SignedWithThePublicKeyIsRefused(String path) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(new String(Base64.getUrlDecoder().decode(valid().split("\\.")[1]), StandardCharsets.UTF_8));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(keys.signingKey().getKeyId());
        jws.setKey(new HmacKey(keys.jwks().getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        assertRefused(path, jws.getCompactSerialization());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users", "/api/v1/assignments"})
    void aTamperedPayloadIsRefused(String path) {
        String[] parts = valid().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("THERAPIST", "CLINIC_ADMIN");
        assertRefused(path, parts[0] + "." + base64(payload) + "." + parts[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users", "/api/v1/assignments"})
    void anExpiredTokenIsRefused(String path) {
        Instant past = Instant.now().minusSeconds(3600);
        assertRefused(path, sign(Jwt.issuer(issuerName()).audience("intersession-api").subject(user.toString())
                .claim("clinic", clinic.toString()).groups(Set.of("THERAPIST")).issuedAt(past).expiresAt(past.plusSeconds(900))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users", "/api/v1/assignments"})
    void aWrongIssuerIsRefused(String path) {
        assertRefused(path, sign(claims("https://evil.example", "intersession-api")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users", "/api/v1/assignments"})
    void aWrongAudienceIsRefused(String path) {
        assertRefused(path, sign(claims(issuerName(), "another-api")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users", "/api/v1/assignments"})
    void aKeyTheGatewayDoesNotKnowIsRefused(String path) {
        assertRefused(path, claims(issuerName(), "intersession-api").jws().keyId("unknown-kid").sign(TestTokens.privateKey()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users", "/api/v1/assignments"})
    void aTokenWithoutAClinicIsRefused(String path) {
        assertRefused(path, sign(Jwt.issuer(issuerName()).audience("intersession-api").subject(user.toString())
                .groups(Set.of("THERAPIST")).expiresIn(900)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users", "/api/v1/assignments"})
    void theGenuineTokenIsAccepted(String path) {
        given().auth().oauth2(valid()).when().get(path).then().statusCode(200);
    }

    private String valid() {
        return issuer.forUser(user, clinic, "THERAPIST");
    }

    private JwtClaimsBuilder claims(String iss, String aud) {
        return Jwt.issuer(iss).audience(aud).subject(user.toString()).claim("clinic", clinic.toString())
                .groups(Set.of("THERAPIST")).expiresIn(900);
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(keys.signingKey().getKeyId()).sign(keys.signingKey().getRsaPrivateKey());
    }

    private static String issuerName() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("intersession.jwt.issuer", String.class);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String path, String token) {
        given().auth().oauth2(token).when().get(path)
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                .header("X-Upstream", org.hamcrest.Matchers.nullValue());
    }
}
