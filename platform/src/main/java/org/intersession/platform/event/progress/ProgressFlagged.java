package org.intersession.platform.event.progress;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An answer crossed an alert rule the therapist set on a field; published at once, for an immediate, high-priority
 * notification. The answered value is in {@code data} for the therapist's app; messages sent outside the app omit it.
 */
public record ProgressFlagged(
        UUID entryId,
        UUID assignmentId,
        UUID clinicId,
        UUID clientId,
        UUID therapistId,
        String fieldKey,
        String fieldLabel,
        @Nullable Object value,
        @Nullable String message,
        OffsetDateTime flaggedAt) {

    public static final String TYPE = "org.intersession.progress.flagged.v1";
}
