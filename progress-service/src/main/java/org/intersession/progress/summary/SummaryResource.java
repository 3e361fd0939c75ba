package org.intersession.progress.summary;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Size;
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

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    private final SummaryService summaries;
    private final CurrentCaller caller;

    SummaryResource(SummaryService summaries, CurrentCaller caller) {
        this.summaries = summaries;
        this.caller = caller;
    }

    /** Everything since the last session in one call: adherence, trends, skip reasons, shared notes, flags. */
    @Tag(name = "Summaries")
    @Operation(operationId = "getPreSessionSummary", summary = "Read a client's pre-session summary",
            description = "Everything since the client's last session review (or since): adherence, trends of every numeric answer and rating, skip reasons, shared notes and flags, per assignment.")
    @GET
    @Path("clients/{clientId}/pre-session-summary")
    public SummaryService.Summary preSession(@PathParam("clientId") UUID clientId, @QueryParam("since") @Size(max = 10) String since) {
        return summaries.preSession(caller.get(), clientId, since == null ? null : date("since", since));
    }

    /** A chart-ready series per rating and numeric answer; the range is bounded (at most 366 days, default 28). */
    @Tag(name = "Summaries")
    @Operation(operationId = "getAssignmentTrends", summary = "Read an assignment's trends",
            description = "A chart-ready series per rating and numeric answer over local dates from..to (default: the last 28 days; at most 366 days).")
    @GET
    @Path("trends/assignments/{id}")
    public List<Trends.Series> trends(@PathParam("id") UUID id, @QueryParam("from") @Size(max = 10) String from,
                                      @QueryParam("to") @Size(max = 10) String to) {
        LocalDate end = to == null ? LocalDate.now(ZoneOffset.UTC) : date("to", to);
        return summaries.trends(caller.get(), id, from == null ? end.minusDays(27) : date("from", from), end);
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblemException.invalidField(field, "a date such as 2026-03-29");
        }
    }
}
