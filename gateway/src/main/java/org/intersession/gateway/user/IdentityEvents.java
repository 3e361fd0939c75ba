package org.intersession.gateway.user;

import jakarta.enterprise.context.ApplicationScoped;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.identity.ClientProfileChanged;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.outbox.Outbox;

/** Identity changes other services replicate, written to the outbox in the caller's transaction, keyed by user. */
@ApplicationScoped
public class IdentityEvents {

    private final Outbox outbox;

    IdentityEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void userChanged(String type, User user) {
        outbox.append(Topics.IDENTITY, user.id.toString(), type, "users/" + user.id,
                new UserChanged(user.id, user.clinicId, user.role.name(), user.displayName, user.email, user.status.name()));
    }

    public void profileChanged(ClientProfile profile) {
        outbox.append(Topics.IDENTITY, profile.userId.toString(), ClientProfileChanged.TYPE, "users/" + profile.userId + "/profile",
                new ClientProfileChanged(profile.userId, profile.clinicId, profile.timeZone, profile.locale,
                        profile.quietHoursStart, profile.quietHoursEnd, java.util.List.copyOf(profile.channels)));
    }
}
