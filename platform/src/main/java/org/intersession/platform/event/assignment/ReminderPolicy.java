package org.intersession.platform.event.assignment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How a client is reminded of an assignment: {@code minutesBefore} each due time, at most {@code maxPerDay} a day.
 * Reminders can be switched off. Quiet hours and channels come from the client's own preferences.
 */
public record ReminderPolicy(boolean enabled, @Min(0) @Max(1440) int minutesBefore, @Min(1) @Max(10) int maxPerDay) {

    public static final ReminderPolicy DEFAULT = new ReminderPolicy(true, 60, 3);
}
