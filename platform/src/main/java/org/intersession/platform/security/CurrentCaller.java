package org.intersession.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The {@link Caller} of the current request, read once from its verified JWT. A token without a clinic is refused. */
@RequestScoped
public class CurrentCaller {

    private final JsonWebToken jwt;
    private Caller caller;

    CurrentCaller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller get() {
        if (caller == null) {
            if (jwt == null || jwt.getRawToken() == null) {
                throw new AuthenticationFailedException("no authenticated caller");
            }
            caller = new Caller(uuidClaim(jwt.getSubject(), "sub"), uuidClaim(jwt.getClaim("clinic"), "clinic"),
                    roles(jwt.getGroups()), scopes(jwt.getClaim("scope")));
        }
        return caller;
    }

    /**
     * What a long-lived answer (a stream) must check again while it lasts: the token's subject, session (its {@code sid},
     * or null) and times, in epoch seconds.
     */
    public record Lifetime(UUID subject, UUID session, long issuedAt, long expiresAt) {
    }

    public Lifetime lifetime() {
        Caller current = get();
        Object sid = jwt.getClaim("sid");
        UUID session = null;
        if (sid != null) {
            try {
                session = UUID.fromString(sid.toString().replace("\"", ""));
            } catch (IllegalArgumentException e) {
                session = null;
            }
        }
        return new Lifetime(current.id(), session, jwt.getIssuedAtTime(), jwt.getExpirationTime());
    }

    private static UUID uuidClaim(Object value, String claim) {
        if (value == null) {
            throw new AuthenticationFailedException("token has no '" + claim + "' claim");
        }
        try {
            return UUID.fromString(value.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException("token claim '" + claim + "' is not a UUID");
        }
    }

    private static Set<Role> roles(Set<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (groups != null && groups.contains(role.name())) {
                roles.add(role);
            }
        }
        return roles;
    }

    private static Set<String> scopes(Object scope) {
        if (scope == null) {
            return Set.of();
        }
        return Arrays.stream(scope.toString().replace("\"", "").split(" "))
                .filter(s -> !s.isBlank())
                .collect(Collectors.toUnmodifiableSet());
    }
}
