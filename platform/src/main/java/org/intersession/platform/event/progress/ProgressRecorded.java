package org.intersession.platform.event.progress;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A client logged what they did for an assignment. Carries no answers, only the fact and its status.
 *
 * @param late        done after the occurrence's window closed, judged by {@code completedAt} when the app sent it
 * @param completedAt when the client says they did it (an offline app syncs later); null when the app did not say
 */
public record ProgressRecorded(
        UUID entryId,
        UUID assignmentId,
        UUID clinicId,
        UUID clientId,
        UUID therapistId,
        String occurrenceKey,
        String status,
        boolean late,
        OffsetDateTime recordedAt,
        @Nullable OffsetDateTime completedAt) {

    public static final String TYPE = "org.intersession.progress.recorded.v1";

    /** An entry whose app did not say when it was done. */
    public ProgressRecorded(UUID entryId, UUID assignmentId, UUID clinicId, UUID clientId, UUID therapistId,
                            String occurrenceKey, String status, boolean late, OffsetDateTime recordedAt) {
        this(entryId, assignmentId, clinicId, clientId, therapistId, occurrenceKey, status, late, recordedAt, null);
    }
}
