package org.intersession.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * TEST ONLY: a fresh random AES-256 key (base64 of 32 bytes) for one setting, made in each test JVM, so that no key is
 * ever committed. A subclass names the setting.
 */
public abstract class RandomKeyTestResource implements QuarkusTestResourceLifecycleManager {

    private final String property;

    protected RandomKeyTestResource(String property) {
        this.property = property;
    }

    @Override
    public Map<String, String> start() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of(property, Base64.getEncoder().encodeToString(key));
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}
