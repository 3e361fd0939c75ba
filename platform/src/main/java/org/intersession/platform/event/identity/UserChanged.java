package org.intersession.platform.event.identity;

import java.util.UUID;

/**
 * A user was created, updated or deactivated. The types differ, the payload is the same: the user's current state.
 * The email address is sealed in {@code contact} ({@link org.intersession.platform.event.SealedPayloads}, bound to
 * the user id): only notification-service, which emails them, can read it. No one else needs a name or an address.
 *
 * @param displayName always null since contact details are sealed; set only in events written before
 * @param email       always null since contact details are sealed; set only in events written before
 * @param contact     a sealed {@link Contact}
 */
public record UserChanged(
        UUID userId,
        UUID clinicId,
        String role,
        String displayName,
        String email,
        String status,
        String contact) {

    public static final String CREATED = "org.intersession.identity.user.created.v1";
    public static final String UPDATED = "org.intersession.identity.user.updated.v1";
    public static final String DEACTIVATED = "org.intersession.identity.user.deactivated.v1";

    public record Contact(String email) {
    }

    /** The user's address, from the sealed contact, or from the plain field of an older event; null if none. */
    public String emailAddress(org.intersession.platform.event.SealedPayloads sealing) {
        if (contact != null) {
            return sealing.open(contact, userId.toString(), Contact.class).email();
        }
        return email;
    }

    public static UserChanged of(UUID userId, UUID clinicId, String role, String status, String sealedContact) {
        return new UserChanged(userId, clinicId, role, null, null, status, sealedContact);
    }
}
