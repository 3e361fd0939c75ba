package org.intersession.assignment.assignment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.schema.FieldSchema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record AssignmentView(
        UUID id,
        UUID clientId,
        UUID therapistId,
        String title,
        @Schema(nullable = true) String instructions,
        String rationale,
        List<Obstacle> obstacles,
        Schedule schedule,
        String timeZone,
        ReminderPolicy reminderPolicy,
        @Schema(nullable = true) UUID templateId,
        @Schema(nullable = true) Integer templateVersion,
        @Schema(nullable = true) FieldSchema fieldSchema,
        AssignmentStatus status,
        @Schema(nullable = true) OffsetDateTime acknowledgedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version) {

    static AssignmentView of(Assignment a) {
        return new AssignmentView(a.id, a.clientId, a.therapistId, a.title, a.instructions, a.rationale, List.copyOf(a.obstacles),
                a.schedule, a.timeZone, a.reminderPolicy, a.templateId, a.templateVersion, a.fieldSchema, a.status, a.acknowledgedAt, a.createdAt, a.updatedAt, a.version);
    }
}
