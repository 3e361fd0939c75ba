package org.intersession.progress.entry;

import java.time.OffsetDateTime;
import java.util.UUID;

public record ProgressEntryView(UUID id, UUID assignmentId, UUID clientId, EntryStatus status, String note,
                                OffsetDateTime recordedAt) {

    static ProgressEntryView of(ProgressEntry e) {
        return new ProgressEntryView(e.id, e.assignmentId, e.clientId, e.status, e.note, e.recordedAt);
    }
}
