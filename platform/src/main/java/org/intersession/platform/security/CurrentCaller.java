package org.intersession.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.intersession.platform.tenancy.Tenancy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
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
     * The tenant of this request's database sessions: the clinic of its verified token, {@link Tenancy#NO_CLINIC} for a
     * token of no clinic (the platform operator), or empty when the request has no token.
     */
    public Optional<UUID> tenant() {
        if (jwt == null || jwt.getRawToken() == null) {
            return Optional.empty();
        }
        Object claim = jwt.getClaim("clinic");
        UUID clinic = claim == null ? Tenancy.NO_CLINIC : uuidClaim(claim, "clinic");
        if (clinic.equals(Tenancy.ALL_CLINICS)) {
            // no token names every clinic; the gateway signs only the ids of clinics it created
            throw new AuthenticationFailedException("token claim 'clinic' is not a clinic");
        }
        return Optional.of(clinic);
    }

    /**
     * What a long-lived answer (a stream) must check again while it lasts: the token's subject, session (its {@code sid},
     * or null) and times, in epoch seconds.
     */
    public record Lifetime(UUID subject, UUID session, long issuedAt, long expiresAt) {
    }

    public Lifetime lifetime() {
        Caller current = get();
        return new Lifetime(current.id(), VerifiedTokens.uuid(jwt.getClaim("sid")), jwt.getIssuedAtTime(), jwt.getExpirationTime());
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
