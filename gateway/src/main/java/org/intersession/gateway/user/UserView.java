package org.intersession.gateway.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.intersession.platform.event.identity.ClientProfileChanged;
import org.intersession.platform.security.Role;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserView(UUID id, String email, String displayName, Role role, UserStatus status, OffsetDateTime createdAt,
                       @Schema(nullable = true) Profile profile) {

    public record Profile(@Schema(nullable = true) String timeZone, @Schema(nullable = true) String locale, List<ClientProfileChanged.Channel> channels) {
    }

    static UserView of(User user, ClientProfile profile) {
        return new UserView(user.id, user.email, user.displayName, user.role, user.status, user.createdAt,
                profile == null ? null : new Profile(profile.timeZone, profile.locale, List.copyOf(profile.channels)));
    }
}
