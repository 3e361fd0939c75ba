package org.intersession.assignment.assignment;

import java.time.OffsetDateTime;
import java.util.UUID;

public record AssignmentView(
        UUID id,
        UUID clientId,
        UUID therapistId,
        String title,
        String instructions,
        AssignmentStatus status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static AssignmentView of(Assignment a) {
        return new AssignmentView(a.id, a.clientId, a.therapistId, a.title, a.instructions, a.status, a.createdAt, a.updatedAt);
    }
}
