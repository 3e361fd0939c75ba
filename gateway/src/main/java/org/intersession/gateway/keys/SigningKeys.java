package org.intersession.gateway.keys;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.intersession.gateway.GatewayConfig;
import org.jose4j.jwk.JsonWebKey;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's RS256 signing keys, kept in the configured directory (owner-only files). The current key signs;
 * after a rotation the previous key stays in the JWKS, and valid for verification, for the configured overlap, so
 * tokens signed just before the rotation keep working. Every instance re-reads the directory, so a rotation made
 * on one gateway instance reaches the others.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    static final String KEY_FILE = "signing-key.jwk.json";
    static final String RETIRED_FILE = "retired-keys.jwks.json";
    static final String JWKS_FILE = "jwks.json";
    /** Stored with each retired key so every instance agrees when it expires. */
    private static final String RETIRED_AT = "x-retired-at";

    private final Path directory;
    private final GatewayConfig config;
    private volatile State state;

    private record State(RsaJsonWebKey current, List<PublicJsonWebKey> retired, String jwks) {
    }

    SigningKeys(GatewayConfig config) {
        this.config = config;
        this.directory = config.keys().directory();
        try {
            Files.createDirectories(directory);
            if (!Files.exists(directory.resolve(KEY_FILE))) {
                writePrivately(directory.resolve(KEY_FILE), newKey().toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            }
            reload();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare signing keys in " + directory, e);
        }
    }

    public RsaJsonWebKey signingKey() {
        return state.current();
    }

    /** The public keys, as served at /.well-known/jwks.json: the current one and those still in their overlap. */
    public String jwks() {
        return state.jwks();
    }

    /** Public keys a token may be verified with. */
    public List<PublicJsonWebKey> verificationKeys() {
        List<PublicJsonWebKey> keys = new ArrayList<>();
        keys.add(state.current());
        keys.addAll(state.retired());
        return keys;
    }

    /** Makes a new current key; the previous one is retired but keeps verifying for the overlap. */
    public synchronized String rotate() {
        try {
            RsaJsonWebKey previous = state.current();
            List<PublicJsonWebKey> retired = new ArrayList<>(state.retired());
            PublicJsonWebKey previousPublic = publicOnly(previous);
            previousPublic.setOtherParameter(RETIRED_AT, Instant.now().getEpochSecond());
            retired.add(previousPublic);
            writePrivately(directory.resolve(RETIRED_FILE), new JsonWebKeySet(retired).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            RsaJsonWebKey next = newKey();
            writePrivately(directory.resolve(KEY_FILE), next.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            reload();
            return next.getKeyId();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate the signing key in " + directory, e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(identity = "signing-keys-reload", every = "30s", delayed = "30s")
    synchronized void reload() {
        try {
            RsaJsonWebKey current = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(
                    Files.readString(directory.resolve(KEY_FILE), StandardCharsets.UTF_8));
            List<PublicJsonWebKey> retired = new ArrayList<>();
            Path retiredFile = directory.resolve(RETIRED_FILE);
            long oldest = Instant.now().minus(config.keys().overlap()).getEpochSecond();
            if (Files.exists(retiredFile)) {
                for (JsonWebKey key : new JsonWebKeySet(Files.readString(retiredFile, StandardCharsets.UTF_8)).getJsonWebKeys()) {
                    Object retiredAt = key.getOtherParameterValue(RETIRED_AT, Object.class);
                    if (retiredAt instanceof Number at && at.longValue() >= oldest && !key.getKeyId().equals(current.getKeyId())) {
                        retired.add((PublicJsonWebKey) key);
                    }
                }
            }
            List<JsonWebKey> published = new ArrayList<>();
            published.add(publicOnly(current));
            retired.forEach(k -> published.add(stripRetiredAt(k)));
            String jwks = new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            state = new State(current, retired, jwks);
            writePrivately(directory.resolve(JWKS_FILE), jwks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keys in " + directory, e);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot parse signing keys in " + directory, e);
        }
    }

    private static RsaJsonWebKey newKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            key.setAlgorithm("RS256");
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey publicOnly(PublicJsonWebKey key) throws JoseException {
        return PublicJsonWebKey.Factory.newPublicJwk(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    private static JsonWebKey stripRetiredAt(PublicJsonWebKey key) {
        try {
            java.util.Map<String, Object> params = key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            params.remove(RETIRED_AT);
            return JsonWebKey.Factory.newJwk(params);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePrivately(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; rely on the directory's permissions
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
