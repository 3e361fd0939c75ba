package org.intersession.gateway.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.intersession.platform.security.Role;

/** A user a clinic admin (or API client) invites. A client also needs a profile with at least their time zone. */
public record NewUser(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 200) String displayName,
        @NotNull Role role,
        @Valid ProfileInput profile) {
}
