package org.intersession.platform.security;

/** The roles a user token carries in its {@code groups} claim. */
public enum Role {
    CLINIC_ADMIN,
    THERAPIST,
    CLIENT
}
