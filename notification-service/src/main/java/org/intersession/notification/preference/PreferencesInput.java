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
 * for a weekly digest. Times are local to the user's time zone, which comes from their profile.
 */
public record PreferencesInput(
        @NotEmpty @Size(max = 3) List<@NotNull Channel> channels,
        LocalTime quietHoursStart,
        LocalTime quietHoursEnd,
        CompletionDelivery completionDelivery,
        LocalTime dailyDigestTime,
        DayOfWeek weeklyDigestDay,
        LocalTime weeklyDigestTime) {

    public enum Channel { IN_APP, EMAIL, WEBHOOK }

    public enum CompletionDelivery { EACH, DAILY_DIGEST, OFF }
}
