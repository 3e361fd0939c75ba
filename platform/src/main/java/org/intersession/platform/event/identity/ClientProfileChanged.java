package org.intersession.platform.event.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.UUID;

/**
 * A client's profile as reminders and schedules need it: time zone, locale and consented channels. Quiet hours left
 * the profile for the user's notification preferences; events written before still name them, and are read without.
 */
@JsonIgnoreProperties({"quietHoursStart", "quietHoursEnd"})
public record ClientProfileChanged(
        UUID clientId,
        UUID clinicId,
        String timeZone,
        String locale,
        List<Channel> channels) {

    public static final String TYPE = "org.intersession.identity.client-profile.changed.v1";

    /** A way to reach the client, usable only with their consent. The address stays at the gateway: it is null here. */
    public record Channel(String type, String address, boolean consented) {
    }
}
