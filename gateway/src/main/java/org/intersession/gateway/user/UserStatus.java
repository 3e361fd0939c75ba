package org.intersession.gateway.user;

/** INVITED until the user sets a password; DEACTIVATED users cannot log in and their sessions are revoked. */
public enum UserStatus {
    INVITED,
    ACTIVE,
    DEACTIVATED
}
