package org.intersession.notification.email;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.testing.TestEvents;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Gives a test user an email address the way the gateway does, through a user event, and waits until it is known. */
public final class TestContacts {

    private TestContacts() {
    }

    public static String knownAddress(UUID clinic, UUID user, String role) {
        String address = role.toLowerCase(Locale.ROOT) + "-" + user + "@clinic.test";
        TestEvents.publish(Topics.IDENTITY, user.toString(), UserChanged.CREATED, "users/" + user,
                new UserChanged(user, clinic, role, "Robin Example", address, "ACTIVE"));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> UserContact.findById(user) != null));
        return address;
    }
}
