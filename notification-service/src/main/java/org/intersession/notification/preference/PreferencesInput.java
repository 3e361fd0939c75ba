package org.intersession.notification.preference;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * What a user wants to hear, and how. The in-app inbox is always on; email is opt-in. Quiet hours may wrap past
 * midnight. Therapists choose to hear of completed homework each time, in a daily digest, or not at all, and may ask
 * for a weekly digest. Times are local to {@code timeZone} (IANA), which defaults to a client's profile zone and to UTC otherwise. Emails carry no
 * clinical detail (no titles, answers or names) unless a client sets {@code emailIncludesDetails}; therapist alerts
 * never carry answers whatever it says.
 */
public record PreferencesInput(
        @NotEmpty @Size(max = 3) List<@NotNull Channel> channels,
        LocalTime quietHoursStart,
        LocalTime quietHoursEnd,
        CompletionDelivery completionDelivery,
        LocalTime dailyDigestTime,
        DayOfWeek weeklyDigestDay,
        LocalTime weeklyDigestTime,
        Boolean emailIncludesDetails,
        @Size(max = 64) String timeZone) {

    public enum Channel { IN_APP, EMAIL, WEBHOOK }

    public enum CompletionDelivery { EACH, DAILY_DIGEST, OFF }
}
