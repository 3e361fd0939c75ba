package org.intersession.platform.event.assignment;

import jakarta.annotation.Nullable;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.schema.FieldSchema;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * An assignment as it is after a change. Every assignment event carries the whole snapshot, with the schedule, the
 * client's time zone and the pinned field schema, so consumers expand occurrences and validate answers themselves
 * and never call assignment-service.
 * {@code version} grows with every change, so a consumer can ignore an older snapshot that arrives late.
 */
public record AssignmentSnapshot(
        UUID assignmentId,
        UUID clinicId,
        UUID clientId,
        UUID therapistId,
        String title,
        String status,
        String timeZone,
        Schedule schedule,
        ReminderPolicy reminderPolicy,
        @Nullable FieldSchema fieldSchema,
        long version,
        OffsetDateTime changedAt) {

    public static final String CREATED = "org.intersession.assignment.created.v1";
    public static final String UPDATED = "org.intersession.assignment.updated.v1";
    public static final String ACKNOWLEDGED = "org.intersession.assignment.acknowledged.v1";
    public static final String PAUSED = "org.intersession.assignment.paused.v1";
    public static final String RESUMED = "org.intersession.assignment.resumed.v1";
    public static final String CANCELLED = "org.intersession.assignment.cancelled.v1";
    public static final String COMPLETED = "org.intersession.assignment.completed.v1";
    public static final String EXPIRED = "org.intersession.assignment.expired.v1";

    /** Every event type whose data is an AssignmentSnapshot. */
    public static final Set<String> TYPES = Set.of(CREATED, UPDATED, ACKNOWLEDGED, PAUSED, RESUMED, CANCELLED, COMPLETED, EXPIRED);
}
