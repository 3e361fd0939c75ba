package org.intersession.progress.occurrence;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Changes;
import org.intersession.platform.web.Page;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** An assignment's occurrences with their outcomes, and the feed of outcomes that changed. */
@Tag(name = "Occurrences", description = "An assignment's due times and what became of each: upcoming, open, logged, skipped, missed or cancelled.")
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class OccurrenceResource {

    private final OccurrenceService occurrences;
    private final CurrentCaller caller;

    OccurrenceResource(OccurrenceService occurrences, CurrentCaller caller) {
        this.occurrences = occurrences;
        this.caller = caller;
    }

    /** Due times in [from, to) (ISO-8601 instants or offset date-times; default: the next 14 days), at most 366 days. */
    @GET
    @Path("assignments/{id}/occurrences")
    @Operation(operationId = "listAssignmentOccurrences", summary = "List an assignment's occurrences and their outcomes",
            description = "The occurrences due in [from, to) (default: the next 14 days; at most 366 days), in the client's "
                    + "time zone, each with its window and outcome: UPCOMING, OPEN, LOGGED (entryStatus DONE or PARTIAL), "
                    + "SKIPPED, MISSED or CANCELLED, and its entry if it has one. Answered by progress-service, which knows "
                    + "an assignment a moment after it was created: until then, a 404 problem.")
    public Page<OccurrenceView> list(@PathParam("id") UUID id,
                                     @QueryParam("from") @Size(max = 40) String from,
                                     @QueryParam("to") @Size(max = 40) String to,
                                     @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
                                     @QueryParam("cursor") @Size(max = 200) String cursor) {
        Instant start = from == null ? Instant.now() : instant("from", from);
        Instant end = to == null ? start.plus(Duration.ofDays(14)) : instant("to", to);
        return occurrences.list(caller.get(), id, start, end, limit, cursor);
    }

    @GET
    @Path("occurrences/sync")
    @Operation(operationId = "syncOccurrences", summary = "Occurrences whose outcome changed since a sync token",
            description = "A changes feed for apps that work offline: each occurrence for which an entry was recorded or "
                    + "amended (LOGGED, SKIPPED), or whose window closed without one (MISSED, found within a minute or two), "
                    + "after `since`, oldest change first. Send `syncToken` as `since` next time; while `hasMore` is true, "
                    + "ask again at once. A token belongs to the filters it was made with.")
    public Changes<OccurrenceChange> sync(@QueryParam("since") @Size(max = 200) String since,
                                          @QueryParam("assignmentId") UUID assignmentId,
                                          @QueryParam("clientId") UUID clientId,
                                          @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return occurrences.changes(caller.get(), assignmentId, clientId, limit, since);
    }

    private static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblemException.invalidField(field, "an ISO-8601 date-time with offset, such as 2026-03-29T00:00:00Z");
        }
    }
}
