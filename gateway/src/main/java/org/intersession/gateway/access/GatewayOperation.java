package org.intersession.gateway.access;

import org.intersession.platform.security.AccessRule;
import org.intersession.platform.security.Caller;

import static org.intersession.platform.security.AccessRule.allow;
import static org.intersession.platform.security.Role.CLIENT;
import static org.intersession.platform.security.Role.CLINIC_ADMIN;
import static org.intersession.platform.security.Role.THERAPIST;

/**
 * The access matrix of the gateway's own API: which roles and API-client scopes may call each operation.
 * Which rows they then see is narrowed in the queries (a client sees themself, a therapist their care team).
 * Clinics are managed by the platform operator only, outside this matrix (role PLATFORM_OPERATOR).
 * <p>
 * Apps act for a clinic but never hold more power than a client record: the staff rows have no scope, so inviting,
 * changing or deactivating a therapist or an admin takes a human clinic admin (docs/security.md, "Apps and humans").
 */
public enum GatewayOperation {
    CREATE_USER(allow("users:write", CLINIC_ADMIN)),
    READ_USERS(allow("users:read", CLINIC_ADMIN, THERAPIST, CLIENT)),
    UPDATE_USER(allow("users:write", CLINIC_ADMIN, THERAPIST, CLIENT)),
    DEACTIVATE_USER(allow("users:write", CLINIC_ADMIN)),
    /** Also needed to invite, re-invite, change or deactivate a therapist or an admin (other than oneself). */
    MANAGE_STAFF(allow(null, CLINIC_ADMIN)),
    MANAGE_CARE_TEAM(allow("care-teams:write", CLINIC_ADMIN)),
    MANAGE_API_CLIENTS(allow(null, CLINIC_ADMIN)),
    /** The audit trail is for the clinic's admins only; API clients have no scope for it. */
    READ_AUDIT_EVENTS(allow(null, CLINIC_ADMIN));

    private final AccessRule rule;

    GatewayOperation(AccessRule rule) {
        this.rule = rule;
    }

    public void require(Caller caller) {
        rule.require(caller);
    }

    public AccessRule rule() {
        return rule;
    }
}
