package org.intersession.progress.occurrence;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.intersession.progress.entry.EntryStatus;

import java.util.UUID;

/**
 * An occurrence whose outcome changed: an entry was recorded or amended for it (LOGGED or SKIPPED), or its window
 * closed without one (MISSED). Its times are those of the assignment's occurrences list.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OccurrenceChange(UUID assignmentId, UUID clientId, String key, OccurrenceOutcome outcome,
                               @Schema(nullable = true, description = "The entry that decided the outcome; absent for MISSED") UUID entryId,
                               @Schema(nullable = true, description = "What the entry says; absent for MISSED") EntryStatus entryStatus,
                               @Schema(nullable = true, description = "Whether the entry came after the window closed; absent for MISSED") Boolean late) {
}
