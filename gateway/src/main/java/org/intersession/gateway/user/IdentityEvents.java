package org.intersession.gateway.user;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.intersession.platform.event.SealedPayloads;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.ClientProfileChanged;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.outbox.Outbox;

/** Identity changes other services replicate, written to the outbox in the caller's transaction, keyed by user. */
@ApplicationScoped
public class IdentityEvents {

    private final Outbox outbox;
    private final SealedPayloads sealing;

    IdentityEvents(Outbox outbox, SealedPayloads sealing) {
        this.outbox = outbox;
        this.sealing = sealing;
    }

    /** The gateway cannot start without the events key: every user event needs it. */
    void checkKey(@Observes StartupEvent started) {
        sealing.requireKey();
    }

    public void userChanged(String type, User user) {
        outbox.append(Topics.IDENTITY, user.id.toString(), type, "users/" + user.id,
                UserChanged.of(user.id, user.clinicId, user.role.name(), user.status.name(),
                        sealing.seal(new UserChanged.Contact(user.email), user.id.toString())));
    }

    public void profileChanged(ClientProfile profile) {
        outbox.append(Topics.IDENTITY, profile.userId.toString(), ClientProfileChanged.TYPE, "users/" + profile.userId + "/profile",
                new ClientProfileChanged(profile.userId, profile.clinicId, profile.timeZone, profile.locale,
                        withoutAddresses(profile.channels)));
    }

    /** Which channels the client consented to is all the services need; the addresses never leave the gateway. */
    private static java.util.List<ClientProfileChanged.Channel> withoutAddresses(java.util.List<ClientProfileChanged.Channel> channels) {
        return channels.stream().map(c -> new ClientProfileChanged.Channel(c.type(), null, c.consented())).toList();
    }
}
