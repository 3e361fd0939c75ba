package org.intersession.platform.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The parts of an event's data that no one with read access to a topic may read: live secrets (an invitation code)
 * and contact details (an email address). They travel AES-256-GCM encrypted with the events key, which only the
 * producer and the consumers that need them hold (the gateway and notification-service), as {@code v1.<base64>}
 * of a fresh 96-bit nonce and the ciphertext. The associated data binds a sealed value to the record it belongs
 * to (a user id), so a value copied into another event does not open.
 */
@ApplicationScoped
public class SealedPayloads {

    public static final String KEY_PROPERTY = "intersession.events.encryption-key";
    private static final String VERSION = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper mapper;
    private final Optional<SecretKeySpec> key;

    SealedPayloads(ObjectMapper mapper, @ConfigProperty(name = KEY_PROPERTY) Optional<String> base64Key) {
        this.mapper = mapper;
        this.key = base64Key.filter(k -> !k.isBlank()).map(SealedPayloads::keyOf);
    }

    /** Fails unless the key is configured: the services that seal or open call it at startup. */
    public void requireKey() {
        if (key.isEmpty()) {
            throw new IllegalStateException(KEY_PROPERTY + " is not set (base64 of 32 random bytes, the same in the"
                    + " gateway and notification-service; for example `openssl rand -base64 32`)");
        }
    }

    public String seal(Object value, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, boundTo);
            byte[] sealed = cipher.doFinal(mapper.writeValueAsBytes(value));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot seal an event value", e);
        }
    }

    /** @throws MalformedEventException when the value is not sealed with this key for this record */
    public <T> T open(String sealed, String boundTo, Class<T> type) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new MalformedEventException("a sealed value is missing or of an unknown version");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            if (raw.length <= NONCE_BYTES) {
                throw new MalformedEventException("a sealed value is too short");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(raw, 0, NONCE_BYTES), boundTo);
            return mapper.readValue(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), type);
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            throw new MalformedEventException("a sealed value does not open with this service's events key"
                    + " (is " + KEY_PROPERTY + " the same as the gateway's?)", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String boundTo) throws GeneralSecurityException {
        requireKey();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.orElseThrow(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKeySpec keyOf(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(KEY_PROPERTY + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(KEY_PROPERTY + " must be 32 bytes (base64), was " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
