package org.intersession.platform.event.identity;

import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** A client's profile as reminders and schedules need it: time zone, locale, quiet hours and consented channels. */
public record ClientProfileChanged(
        UUID clientId,
        UUID clinicId,
        String timeZone,
        String locale,
        LocalTime quietHoursStart,
        LocalTime quietHoursEnd,
        List<Channel> channels) {

    public static final String TYPE = "org.intersession.identity.client-profile.changed.v1";

    /** A way to reach the client, usable only with their consent. The address stays at the gateway: it is null here. */
    public record Channel(String type, String address, boolean consented) {
    }
}
