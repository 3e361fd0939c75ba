package org.intersession.assignment.assignment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.schema.FieldSchema;
import org.intersession.platform.schedule.Schedule;

import java.util.List;
import java.util.UUID;

/**
 * What a therapist asks of a client, why, what may get in the way, and when.
 *
 * @param therapistId only for API clients, which assign on behalf of a named therapist; a therapist assigns as themself
 * @param templateId     optional; the assignment pins the template's current version and its field schema,
 *                       and takes the template's title and instructions unless given
 * @param fieldSchema    for ad-hoc homework without a template: the fields the client fills in (optional)
 * @param reminderPolicy optional; 60 minutes before each due time, at most 3 a day, when absent
 */
public record NewAssignment(
        @NotNull UUID clientId,
        UUID therapistId,
        UUID templateId,
        @Size(max = 200) String title,
        @Size(max = 4000) String instructions,
        @NotBlank @Size(max = 2000) String rationale,
        @Size(max = 10) List<@Valid @NotNull Obstacle> obstacles,
        @NotNull @Valid Schedule schedule,
        @Valid ReminderPolicy reminderPolicy,
        FieldSchema fieldSchema) {
}
