package org.intersession.notification.webhook;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** TEST ONLY: a fresh webhook-secret encryption key for each test JVM, so that no key is ever committed. */
public class WebhookTestKey implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of("intersession.webhooks.encryption-key", Base64.getEncoder().encodeToString(key));
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}
