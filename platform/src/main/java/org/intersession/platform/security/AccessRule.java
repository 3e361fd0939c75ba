package org.intersession.platform.security;

import io.quarkus.security.ForbiddenException;

import java.util.EnumSet;
import java.util.Set;

/**
 * One row of a service's access matrix: the user roles that may perform an operation, and the scope an
 * API client needs for it. Ownership (which client, which care team) is enforced in the queries, not here, and the
 * clinic by the tenancy wall.
 */
public record AccessRule(Set<Role> roles, String scope) {

    public static AccessRule allow(String scope, Role... roles) {
        return new AccessRule(roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles), scope);
    }

    public boolean permits(Caller caller) {
        if (caller.isApiClient()) {
            return scope != null && caller.hasScope(scope);
        }
        return caller.roles().stream().anyMatch(roles::contains);
    }

    /**
     * A role that may not call an operation at all gets 403; whether a record exists is never revealed here. A request
     * must pass this before it reads or writes any of its clinic's data ({@link AccessDecision}).
     */
    public void require(Caller caller) {
        if (!permits(caller)) {
            throw new ForbiddenException();
        }
        AccessDecision.record();
    }
}
