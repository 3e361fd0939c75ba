package org.intersession.progress.occurrence;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.intersession.platform.schedule.Occurrence;
import org.intersession.progress.entry.EntryStatus;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One due time of an assignment: its stable key, the local time it is due, the window in which it counts, and what
 * became of it; with an entry, which entry and what it says ({@code entryStatus} DONE or PARTIAL for LOGGED).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OccurrenceView(String key, LocalDateTime localDueAt, Instant dueAt, Instant windowStart, Instant windowEnd,
                             OccurrenceOutcome outcome,
                             @Schema(nullable = true, description = "The entry that decided the outcome; absent without one") UUID entryId,
                             @Schema(nullable = true, description = "What the entry says: DONE or PARTIAL for LOGGED, SKIPPED for SKIPPED") EntryStatus entryStatus,
                             @Schema(nullable = true, description = "Whether the entry came after the window closed") Boolean late) {

    static OccurrenceView of(Occurrence o, OccurrenceOutcome outcome, Logged entry) {
        return new OccurrenceView(o.key(), o.localDueAt(), o.dueAt(), o.windowStart(), o.windowEnd(), outcome,
                entry == null ? null : entry.id(), entry == null ? null : entry.status(), entry == null ? null : entry.late());
    }

    /** What an occurrence's entry says about it. */
    record Logged(UUID id, EntryStatus status, boolean late) {
    }
}
