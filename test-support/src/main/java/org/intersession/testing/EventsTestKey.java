package org.intersession.testing;

/**
 * TEST ONLY: a fresh events key (for sealed event fields) for each test JVM. Tests that seal or open event values
 * inject the same SealedPayloads the service uses.
 */
public class EventsTestKey extends RandomKeyTestResource {

    public EventsTestKey() {
        super("intersession.events.encryption-key");
    }
}
