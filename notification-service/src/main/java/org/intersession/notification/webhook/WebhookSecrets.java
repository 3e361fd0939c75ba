package org.intersession.notification.webhook;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Endpoint secrets: made from 32 random bytes as {@code whsec_<base64>} (Standard Webhooks), and kept at rest only
 * AES-256-GCM encrypted, with a fresh 96-bit nonce each time and the endpoint id as associated data, so a ciphertext
 * copied to another endpoint's row does not decrypt. Checked at startup, so a missing or short key stops the service.
 */
@Startup
@ApplicationScoped
public class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    @Inject
    WebhookSecrets(WebhookConfig config) {
        this(config.encryptionKey());
    }

    WebhookSecrets(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("intersession.webhooks.encryption-key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("intersession.webhooks.encryption-key must be 32 bytes (base64), was " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** A new secret, as shown once to the caller. */
    public String generate() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    public byte[] encrypt(UUID endpointId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(endpointId));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    public String decrypt(UUID endpointId, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 0, NONCE_BYTES)));
            cipher.updateAAD(associatedData(endpointId));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the secret of webhook endpoint " + endpointId
                    + " (was intersession.webhooks.encryption-key changed?)", e);
        }
    }

    private static byte[] associatedData(UUID endpointId) {
        return endpointId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
