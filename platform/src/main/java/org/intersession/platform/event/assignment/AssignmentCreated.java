package org.intersession.platform.event.assignment;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A therapist (or a clinic app on their behalf) gave a client a new piece of homework. */
public record AssignmentCreated(
        UUID assignmentId,
        UUID clinicId,
        UUID clientId,
        UUID therapistId,
        String title,
        OffsetDateTime createdAt) {

    public static final String TYPE = "org.intersession.assignment.created.v1";
}
