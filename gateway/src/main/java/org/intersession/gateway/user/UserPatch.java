package org.intersession.gateway.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/** The fields a user may change. Role, clinic, email and status are not among them; sending them is a 400. */
public record UserPatch(
        @Size(min = 1, max = 200) String displayName,
        @Valid ProfileInput profile) {
}
