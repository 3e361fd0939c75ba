package org.intersession.gateway.keys;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.intersession.gateway.GatewayConfig;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The gateway's RS256 signing key. It is created on first start in the configured directory (owner-only
 * permissions) and its public half is published as a JWKS, which the gateway and every service verify against.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    static final String KEY_FILE = "signing-key.jwk.json";
    static final String JWKS_FILE = "jwks.json";

    private final RsaJsonWebKey signingKey;
    private final String jwks;

    SigningKeys(GatewayConfig config) {
        Path directory = config.keys().directory();
        try {
            Files.createDirectories(directory);
            signingKey = loadOrCreate(directory.resolve(KEY_FILE));
            jwks = new JsonWebKeySet(publicOnly(signingKey)).toJson();
            Path jwksFile = directory.resolve(JWKS_FILE);
            Path tmp = Files.createTempFile(directory, "jwks", ".tmp");
            Files.writeString(tmp, jwks, StandardCharsets.UTF_8);
            Files.move(tmp, jwksFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare signing keys in " + directory, e);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot read the signing key in " + directory, e);
        }
    }

    public RsaJsonWebKey signingKey() {
        return signingKey;
    }

    /** The public keys, as served at /.well-known/jwks.json. */
    public String jwks() {
        return jwks;
    }

    private static RsaJsonWebKey loadOrCreate(Path file) throws IOException, JoseException {
        if (Files.exists(file)) {
            return (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(Files.readString(file, StandardCharsets.UTF_8));
        }
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
        key.setAlgorithm("RS256");
        key.setUse("sig");
        Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; rely on the directory's permissions
        }
        Files.writeString(tmp, key.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    private static PublicJsonWebKey publicOnly(RsaJsonWebKey key) throws JoseException {
        return PublicJsonWebKey.Factory.newPublicJwk(key.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }
}
