package org.intersession.platform.event.progress;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A client logged what they did for an assignment. Carries no answers, only the fact and its status. */
public record ProgressRecorded(
        UUID entryId,
        UUID assignmentId,
        UUID clinicId,
        UUID clientId,
        UUID therapistId,
        String occurrenceKey,
        String status,
        boolean late,
        OffsetDateTime recordedAt) {

    public static final String TYPE = "org.intersession.progress.recorded.v1";
}
