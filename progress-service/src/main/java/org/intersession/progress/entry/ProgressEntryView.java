package org.intersession.progress.entry;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An entry as a reader sees it. A private note is shown to its client only; others see that there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressEntryView(UUID id, UUID assignmentId, UUID clientId, String occurrenceKey, EntryStatus status,
                                boolean late, @Schema(nullable = true) OffsetDateTime completedAt, Map<String, Object> answers, @Schema(nullable = true) Integer moodBefore, @Schema(nullable = true) Integer moodAfter,
                                @Schema(nullable = true) Integer distressBefore, @Schema(nullable = true) Integer distressAfter, @Schema(nullable = true) Integer minutesSpent, @Schema(nullable = true) String note,
                                boolean notePrivate, boolean hasNote, @Schema(nullable = true) SkipReason skipReason, @Schema(nullable = true) String skipReasonText,
                                OffsetDateTime recordedAt, int version, @Schema(nullable = true) OffsetDateTime amendedAt) {

    static ProgressEntryView of(ProgressEntry e, boolean readerIsTheClient) {
        boolean hideNote = e.notePrivate && !readerIsTheClient;
        return new ProgressEntryView(e.id, e.assignmentId, e.clientId, e.occurrenceKey, e.status, e.late, e.completedAt,
                Collections.unmodifiableMap(new LinkedHashMap<>(e.answers)),
                e.moodBefore, e.moodAfter, e.distressBefore, e.distressAfter, e.minutesSpent, hideNote ? null : e.note,
                e.notePrivate, e.note != null && !e.note.isBlank(), e.skipReason, e.skipReasonText, e.recordedAt, e.version, e.amendedAt);
    }
}
