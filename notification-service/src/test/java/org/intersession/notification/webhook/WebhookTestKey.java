package org.intersession.notification.webhook;

import org.intersession.testing.RandomKeyTestResource;

/** TEST ONLY: a fresh webhook-secret encryption key for each test JVM, so that no key is ever committed. */
public class WebhookTestKey extends RandomKeyTestResource {

    public WebhookTestKey() {
        super("intersession.webhooks.encryption-key");
    }
}
