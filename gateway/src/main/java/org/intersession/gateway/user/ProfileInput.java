package org.intersession.gateway.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A client's profile as written by the API. The time zone is an IANA name (validated by the service), channels need
 * the client's consent to be used. Quiet hours are not here: they are the user's own notification preferences.
 */
public record ProfileInput(
        @Size(max = 64) String timeZone,
        @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a BCP 47 language tag") String locale,
        @Size(max = 5) List<@Valid @NotNull ChannelInput> channels) {

    public enum ChannelType {
        EMAIL,
        PUSH,
        SMS
    }

    public record ChannelInput(@NotNull ChannelType type, @NotNull @Size(min = 1, max = 254) String address, boolean consented) {
    }
}
