package org.intersession.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens for tests, signed RS256 with a key pair made fresh in each test JVM: no key is committed.
 * Claims follow what the gateway issues: iss, aud, sub, clinic, groups, scope, jti, iat, exp.
 */
public final class TestTokens {

    public static final String ISSUER = "https://intersession.test";
    public static final String AUDIENCE = "intersession-api";
    public static final String KEY_ID = "test-key";

    private static final KeyPair KEYS = generate();
    private static Path publicKeyFile;

    private TestTokens() {
    }

    public static String therapist(UUID clinicId, UUID userId) {
        return forUser(clinicId, userId, "THERAPIST");
    }

    public static String client(UUID clinicId, UUID userId) {
        return forUser(clinicId, userId, "CLIENT");
    }

    public static String clinicAdmin(UUID clinicId, UUID userId) {
        return forUser(clinicId, userId, "CLINIC_ADMIN");
    }

    public static String forUser(UUID clinicId, UUID userId, String... roles) {
        return sign(claims(userId).claim("clinic", clinicId.toString()).groups(Set.of(roles)));
    }

    /** Starts a token with the standard claims, for tests that need something unusual. */
    public static JwtClaimsBuilder claims(UUID subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject.toString())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(java.time.Instant.now())
                .expiresIn(900);
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(KEYS.getPrivate());
    }

    public static PrivateKey privateKey() {
        return KEYS.getPrivate();
    }

    public static PublicKey publicKey() {
        return KEYS.getPublic();
    }

    static synchronized String publicKeyLocation() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("intersession-test-jwt-", ".pem");
                publicKeyFile.toFile().deleteOnExit();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(publicKeyFile, pem, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "file:" + publicKeyFile;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
