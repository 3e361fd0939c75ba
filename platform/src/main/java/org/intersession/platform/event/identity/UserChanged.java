package org.intersession.platform.event.identity;

import java.util.UUID;

/**
 * A user was created, updated or deactivated. The types differ, the payload is the same: the user's current state.
 * The email travels in {@code data} (never in CloudEvents context attributes) so notification-service can reach them.
 */
public record UserChanged(
        UUID userId,
        UUID clinicId,
        String role,
        String displayName,
        String email,
        String status) {

    public static final String CREATED = "org.intersession.identity.user.created.v1";
    public static final String UPDATED = "org.intersession.identity.user.updated.v1";
    public static final String DEACTIVATED = "org.intersession.identity.user.deactivated.v1";
}
