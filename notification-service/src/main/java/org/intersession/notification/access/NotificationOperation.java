package org.intersession.notification.access;

import org.intersession.platform.security.AccessRule;
import org.intersession.platform.security.Caller;

import static org.intersession.platform.security.AccessRule.allow;
import static org.intersession.platform.security.Role.CLIENT;
import static org.intersession.platform.security.Role.CLINIC_ADMIN;
import static org.intersession.platform.security.Role.THERAPIST;

/**
 * The access matrix of notification-service. The inbox belongs to a user; API clients have none. Webhooks belong to
 * the clinic: its admins, or its API clients with {@code webhooks:write}.
 */
public enum NotificationOperation {
    READ_OWN_INBOX(allow(null, CLINIC_ADMIN, THERAPIST, CLIENT)),
    MANAGE_WEBHOOKS(allow("webhooks:write", CLINIC_ADMIN));

    private final AccessRule rule;

    NotificationOperation(AccessRule rule) {
        this.rule = rule;
    }

    public void require(Caller caller) {
        rule.require(caller);
    }

    public AccessRule rule() {
        return rule;
    }
}
