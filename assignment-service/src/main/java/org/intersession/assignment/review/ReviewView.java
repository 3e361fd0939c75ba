package org.intersession.assignment.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A review as a reader sees it; for a client, therapist notes are left out entirely. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewView(UUID id, UUID clientId, UUID therapistId, LocalDate sessionDate, OffsetDateTime createdAt,
                         List<Item> items) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ReviewItem")
    public record Item(UUID assignmentId, int quantity, int quality, @Schema(nullable = true) ReviewInput.Helped helped,
                       List<ReviewInput.Barrier> barriers, @Schema(nullable = true) String barrierNotes, @Schema(nullable = true) ReviewInput.Decision decision,
                       @Schema(nullable = true) String therapistNotes) {
    }

    static ReviewView of(SessionReview review, boolean withTherapistNotes) {
        return new ReviewView(review.id, review.clientId, review.therapistId, review.sessionDate, review.createdAt,
                review.items.stream().map(i -> new Item(i.assignmentId, i.quantity, i.quality, i.helped, List.copyOf(i.barriers),
                        i.barrierNotes, i.decision, withTherapistNotes ? i.therapistNotes : null)).toList());
    }
}
