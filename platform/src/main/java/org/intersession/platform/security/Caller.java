package org.intersession.platform.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, read from the verified access token: the user (or API client) id, their clinic, roles and scopes.
 * Every query for client data is scoped by {@link #clinicId()}.
 */
public record Caller(UUID id, UUID clinicId, Set<Role> roles, Set<String> scopes) {

    public boolean is(Role role) {
        return roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** API clients of third-party apps carry scopes and no user role. */
    public boolean isApiClient() {
        return roles.isEmpty() && !scopes.isEmpty();
    }
}
