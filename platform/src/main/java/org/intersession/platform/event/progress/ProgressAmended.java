package org.intersession.platform.event.progress;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A client corrected an entry; {@code version} counts the states it has had. */
public record ProgressAmended(UUID entryId, UUID assignmentId, UUID clinicId, UUID clientId, UUID therapistId,
                              String occurrenceKey, String status, int version, OffsetDateTime amendedAt) {

    public static final String TYPE = "org.intersession.progress.amended.v1";
}
