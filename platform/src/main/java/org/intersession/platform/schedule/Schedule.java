package org.intersession.platform.schedule;

import jakarta.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A schedule as the API and the events carry it. Times are local to the client's time zone.
 * {@code ONE_OFF}: due once at {@code dueAt}. {@code RECURRING}: from {@code start} by {@code rrule} (an RFC 5545
 * subset, see {@link RecurrenceRule}), minus {@code excludedDates}. An occurrence is open from
 * {@code windowBeforeMinutes} before its due time to {@code windowAfterMinutes} after it (default 12 hours each).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(
        @NotNull Type type,
        @Nullable LocalDateTime dueAt,
        @Nullable LocalDateTime start,
        @Nullable @Size(max = RecurrenceRule.MAX_LENGTH) String rrule,
        @Nullable @Size(max = 366) List<@NotNull LocalDate> excludedDates,
        @Nullable @Min(0) @Max(10080) Integer windowBeforeMinutes,
        @Nullable @Min(0) @Max(10080) Integer windowAfterMinutes) {

    @Schema(name = "ScheduleType")
    public enum Type {
        ONE_OFF,
        RECURRING
    }

    /** @throws InvalidScheduleException naming the offending field (without a "schedule." prefix) */
    public ScheduleSpec toSpec() {
        Duration before = windowBeforeMinutes == null ? null : Duration.ofMinutes(windowBeforeMinutes);
        Duration after = windowAfterMinutes == null ? null : Duration.ofMinutes(windowAfterMinutes);
        if (type == Type.ONE_OFF) {
            if (start != null || rrule != null) {
                throw new InvalidScheduleException(start != null ? "start" : "rrule", "belongs to a RECURRING schedule");
            }
            return new ScheduleSpec(dueAt, null, excludedDates, before, after);
        }
        if (dueAt != null) {
            throw new InvalidScheduleException("dueAt", "belongs to a ONE_OFF schedule");
        }
        if (rrule == null) {
            throw new InvalidScheduleException("rrule", "is required for a RECURRING schedule");
        }
        return new ScheduleSpec(start, RecurrenceRule.parse(rrule), excludedDates, before, after);
    }
}
