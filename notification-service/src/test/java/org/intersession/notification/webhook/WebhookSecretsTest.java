package org.intersession.notification.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSecretsTest {

    private final WebhookSecrets secrets = new WebhookSecrets(randomKey());

    @Test
    void aSecretIsWhsecFollowedByThirtyTwoRandomBytes() {
        String one = secrets.generate();
        assertTrue(one.startsWith("whsec_"), one);
        assertEquals(32, Base64.getDecoder().decode(one.substring("whsec_".length())).length);
        assertNotEquals(one, secrets.generate());
    }

    @Test
    void aStoredSecretIsEncryptedAndDecryptsOnlyForItsOwnEndpoint() {
        UUID endpoint = UUID.randomUUID();
        String secret = secrets.generate();
        byte[] stored = secrets.encrypt(endpoint, secret);
        byte[] again = secrets.encrypt(endpoint, secret);

        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains(secret.substring("whsec_".length(), 20)));
        assertFalse(Arrays.equals(stored, again), "a fresh nonce each time");
        assertEquals(secret, secrets.decrypt(endpoint, stored));
        assertThrows(IllegalStateException.class, () -> secrets.decrypt(UUID.randomUUID(), stored), "bound to its endpoint");
        assertThrows(IllegalStateException.class, () -> new WebhookSecrets(randomKey()).decrypt(endpoint, stored), "needs the key");
        byte[] tampered = stored.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> secrets.decrypt(endpoint, tampered), "GCM detects tampering");
        assertArrayEquals(secret.getBytes(StandardCharsets.UTF_8), secrets.decrypt(endpoint, again).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theServiceRefusesToStartWithoutAUsableKey() {
        assertThrows(IllegalStateException.class, () -> new WebhookSecrets(""));
        assertThrows(IllegalStateException.class, () -> new WebhookSecrets("not base64 at all!"));
        assertThrows(IllegalStateException.class, () -> new WebhookSecrets(Base64.getEncoder().encodeToString(new byte[16])));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
