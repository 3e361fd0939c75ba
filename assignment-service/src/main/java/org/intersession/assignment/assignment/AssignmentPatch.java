package org.intersession.assignment.assignment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.schedule.Schedule;

import java.util.List;

/** The parts of an assignment a therapist may change; absent fields stay as they are. Status changes have their own operations. */
public record AssignmentPatch(
        @Size(min = 1, max = 200) String title,
        @Size(max = 4000) String instructions,
        @Size(min = 1, max = 2000) String rationale,
        @Size(max = 10) List<@Valid @NotNull Obstacle> obstacles,
        @Valid Schedule schedule,
        @Valid ReminderPolicy reminderPolicy) {
}
