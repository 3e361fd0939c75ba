package org.intersession.platform.schedule;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * When homework is due, in the client's local time (the zone is given at expansion): one-off at {@code start} when
 * {@code rule} is null, else recurring by {@code rule} from {@code start}, which is the first candidate and the default
 * time of day, minus {@code excludedDates} (EXDATE, by local date). Times are whole minutes in the years 0001-9999.
 * An occurrence due at T is open from T - windowBefore to T + windowAfter; a null window means the 12-hour default.
 */
public record ScheduleSpec(LocalDateTime start, RecurrenceRule rule, List<LocalDate> excludedDates,
                           Duration windowBefore, Duration windowAfter) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(12);
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    public static final int MAX_EXCLUDED_DATES = 1000;

    public ScheduleSpec {
        String startField = rule == null ? "dueAt" : "start";
        if (start == null) {
            throw new InvalidScheduleException(startField, "is required");
        }
        // Whole minutes keep occurrence keys in one fixed format (yyyy-MM-ddTHH:mm) that services can store and compare.
        if (start.getSecond() != 0 || start.getNano() != 0) {
            throw new InvalidScheduleException(startField, "must be a whole minute (no seconds)");
        }
        if (start.getYear() < 1 || start.getYear() > 9999) {
            throw new InvalidScheduleException(startField, "must be in the years 0001 to 9999");
        }
        excludedDates = excludedDates == null ? List.of() : excludedDates;
        if (excludedDates.stream().anyMatch(Objects::isNull)) {
            throw new InvalidScheduleException("excludedDates", "must not contain null");
        }
        if (rule == null && !excludedDates.isEmpty()) {
            throw new InvalidScheduleException("excludedDates", "apply only to a recurring schedule");
        }
        excludedDates = excludedDates.stream().distinct().sorted().toList();
        if (excludedDates.size() > MAX_EXCLUDED_DATES) {
            throw new InvalidScheduleException("excludedDates", "must be at most " + MAX_EXCLUDED_DATES + " dates");
        }
        windowBefore = window("windowBefore", windowBefore);
        windowAfter = window("windowAfter", windowAfter);
    }

    /** Due once at {@code dueAt}, local time, with the default windows. */
    public static ScheduleSpec oneOff(LocalDateTime dueAt) {
        return new ScheduleSpec(dueAt, null, List.of(), null, null);
    }

    /** Recurring by {@code rrule} (parsed by {@link RecurrenceRule#parse}) from {@code start}, with the default windows. */
    public static ScheduleSpec recurring(LocalDateTime start, String rrule, List<LocalDate> excludedDates) {
        return new ScheduleSpec(start, RecurrenceRule.parse(rrule), excludedDates, null, null);
    }

    public ScheduleSpec withWindow(Duration before, Duration after) {
        return new ScheduleSpec(start, rule, excludedDates, before, after);
    }

    public boolean isRecurring() {
        return rule != null;
    }

    private static Duration window(String field, Duration window) {
        if (window == null) {
            return DEFAULT_WINDOW;
        }
        if (window.isNegative() || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidScheduleException(field, "must be between 0 and 7 days");
        }
        return window;
    }
}
