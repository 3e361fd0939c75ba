package org.intersession.gateway.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request bodies of the auth endpoints. Passwords are 12 to 128 characters. */
public final class Credentials {

    private Credentials() {
    }

    /** {@code clinicId} is needed only when the email has an account at more than one clinic. */
    public record Login(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password,
                        java.util.UUID clinicId) {
    }

    public record Logout(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record AcceptInvitation(@NotBlank @Size(max = 200) String token,
                                   @NotBlank @Size(min = 12, max = 128) String password) {
    }
}
