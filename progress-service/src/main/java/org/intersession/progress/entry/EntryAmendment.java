package org.intersession.progress.entry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * The new state of an entry; the same rules as a new entry apply. Which occurrence it is for, and when it was done,
 * cannot change.
 */
public record EntryAmendment(
        @NotNull EntryStatus status,
        @Size(max = 50) Map<String, Object> answers,
        @Min(0) @Max(10) Integer moodBefore,
        @Min(0) @Max(10) Integer moodAfter,
        @Min(0) @Max(100) Integer distressBefore,
        @Min(0) @Max(100) Integer distressAfter,
        @Min(0) @Max(1440) Integer minutesSpent,
        @Size(max = 4000) String note,
        boolean notePrivate,
        SkipReason skipReason,
        @Size(max = 500) String skipReasonText) {

    NewProgressEntry asEntryOf(ProgressEntry entry) {
        return new NewProgressEntry(entry.id, entry.assignmentId, entry.occurrenceKey, status, answers, moodBefore, moodAfter,
                distressBefore, distressAfter, minutesSpent, note, notePrivate, skipReason, skipReasonText, entry.completedAt);
    }
}
