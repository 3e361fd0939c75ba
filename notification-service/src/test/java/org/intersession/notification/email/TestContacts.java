package org.intersession.notification.email;

import org.intersession.notification.AllClinics;
import io.quarkus.arc.Arc;
import org.intersession.platform.event.SealedPayloads;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.testing.TestEvents;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Gives a test user an email address the way the gateway does, through a user event with the address sealed, and
 * waits until it is known.
 */
public final class TestContacts {

    private TestContacts() {
    }

    public static String knownAddress(UUID clinic, UUID user, String role) {
        String address = role.toLowerCase(Locale.ROOT) + "-" + user + "@clinic.test";
        TestEvents.publish(Topics.IDENTITY, user.toString(), UserChanged.CREATED, "users/" + user,
                UserChanged.of(user, clinic, role, "ACTIVE", Arc.container().instance(SealedPayloads.class).get()
                        .seal(new UserChanged.Contact(address), user.toString())));
        await().atMost(Duration.ofSeconds(30)).until(() -> AllClinics
                .call(() -> UserContact.findById(user) != null));
        return address;
    }
}
