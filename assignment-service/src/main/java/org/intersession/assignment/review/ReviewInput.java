package org.intersession.assignment.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A session review as a therapist records it. */
public record ReviewInput(
        @NotNull UUID clientId,
        @NotNull LocalDate sessionDate,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Item> items) {

    /**
     * The review of one assignment. Quantity and quality are rated 0-4 each, because how well homework was done
     * matters as much as how much. STOP cancels the assignment; MODIFY is followed by the therapist's changes.
     */
    @Schema(name = "ReviewItemInput")
    public record Item(
            @NotNull UUID assignmentId,
            @NotNull @Min(0) @Max(4) Integer quantity,
            @NotNull @Min(0) @Max(4) Integer quality,
            @NotNull Helped helped,
            @Size(max = 10) List<@NotNull Barrier> barriers,
            @Size(max = 2000) String barrierNotes,
            @NotNull Decision decision,
            @Size(max = 4000) String therapistNotes) {
    }

    public enum Helped { YES, PARTLY, NO, UNSURE }

    /** What got in the way, as discussed in the session. */
    public enum Barrier {
        FORGOT, NO_TIME, TOO_DIFFICULT, DID_NOT_UNDERSTAND, NOT_HELPFUL, FELT_UNWELL, AVOIDANCE, LIFE_EVENT, OTHER
    }

    public enum Decision { CONTINUE, MODIFY, STOP }
}
