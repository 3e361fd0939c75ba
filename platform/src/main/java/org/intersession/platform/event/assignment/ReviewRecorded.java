package org.intersession.platform.event.assignment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A session review was recorded. The session date is where the next "since last session" summary starts.
 * Therapist notes are never in the event.
 */
public record ReviewRecorded(
        UUID reviewId,
        UUID clinicId,
        UUID clientId,
        UUID therapistId,
        LocalDate sessionDate,
        List<Item> items,
        OffsetDateTime recordedAt) {

    public static final String TYPE = "org.intersession.assignment.review-recorded.v1";

    public record Item(UUID assignmentId, int quantity, int quality, String helped, List<String> barriers, String decision) {
    }
}
