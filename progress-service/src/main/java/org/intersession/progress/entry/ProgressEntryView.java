package org.intersession.progress.entry;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An entry as a reader sees it. A private note is shown to its client only; others see that there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressEntryView(UUID id, UUID assignmentId, UUID clientId, String occurrenceKey, EntryStatus status,
                                boolean late, OffsetDateTime completedAt, Map<String, Object> answers, Integer moodBefore, Integer moodAfter,
                                Integer distressBefore, Integer distressAfter, Integer minutesSpent, String note,
                                boolean notePrivate, boolean hasNote, SkipReason skipReason, String skipReasonText,
                                OffsetDateTime recordedAt, int version, OffsetDateTime amendedAt) {

    static ProgressEntryView of(ProgressEntry e, boolean readerIsTheClient) {
        boolean hideNote = e.notePrivate && !readerIsTheClient;
        return new ProgressEntryView(e.id, e.assignmentId, e.clientId, e.occurrenceKey, e.status, e.late, e.completedAt,
                Collections.unmodifiableMap(new LinkedHashMap<>(e.answers)),
                e.moodBefore, e.moodAfter, e.distressBefore, e.distressAfter, e.minutesSpent, hideNote ? null : e.note,
                e.notePrivate, e.note != null && !e.note.isBlank(), e.skipReason, e.skipReasonText, e.recordedAt, e.version, e.amendedAt);
    }
}
