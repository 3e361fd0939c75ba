package org.intersession.progress.adherence;

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
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Adherence over [from, to] (local dates; default: the last 28 days). */
@Tag(name = "Adherence", description = "How much of the homework was done, and on time.")
@Path("/api/v1/adherence")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AdherenceResource {

    private final AdherenceService adherence;
    private final CurrentCaller caller;

    AdherenceResource(AdherenceService adherence, CurrentCaller caller) {
        this.adherence = adherence;
        this.caller = caller;
    }

    @Operation(operationId = "getAssignmentAdherence", summary = "Read an assignment's adherence",
            description = "Occurrences expected, done, partial, skipped and missed over local dates from..to (default: the last 28 days), with completion and on-time rates and streaks.")
    @GET
    @Path("assignments/{id}")
    public Adherence assignment(@PathParam("id") UUID id, @QueryParam("from") @Size(max = 10) String from,
                                @QueryParam("to") @Size(max = 10) String to) {
        return adherence.forAssignment(caller.get(), id, range(from, to));
    }

    @Operation(operationId = "getClientAdherence", summary = "Read a client's adherence",
            description = "A client's assignments added up, over local dates from..to (default: the last 28 days).")
    @GET
    @Path("clients/{clientId}")
    public Adherence client(@PathParam("clientId") UUID clientId, @QueryParam("from") @Size(max = 10) String from,
                            @QueryParam("to") @Size(max = 10) String to) {
        return adherence.forClient(caller.get(), clientId, range(from, to));
    }

    /** The calling therapist's caseload, most in need of attention first, a page at a time. */
    @Operation(operationId = "listCaseloadAdherence", summary = "List the caseload's adherence",
            description = "The calling therapist's clients, the biggest drop in adherence first.")
    @GET
    @Path("caseload")
    public Page<AdherenceService.ClientAdherence> caseload(@QueryParam("from") @Size(max = 10) String from,
                                                           @QueryParam("to") @Size(max = 10) String to,
                                                           @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                                           @QueryParam("cursor") @Size(max = 40) String cursor) {
        List<AdherenceService.ClientAdherence> all = adherence.caseload(caller.get(), range(from, to));
        int offset = offset(cursor);
        List<AdherenceService.ClientAdherence> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        String next = offset + limit < all.size() ? Cursor.opaque(String.valueOf(offset + limit)) : null;
        return new Page<>(page, next);
    }

    private static AdherenceService.Range range(String from, String to) {
        LocalDate end = to == null ? LocalDate.now(ZoneOffset.UTC) : date("to", to);
        LocalDate start = from == null ? end.minusDays(27) : date("from", from);
        return new AdherenceService.Range(start, end);
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblemException.invalidField(field, "a date such as 2026-03-29");
        }
    }

    private static int offset(String cursor) {
        Integer offset = Cursor.position(cursor, text -> {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new IllegalArgumentException("negative offset");
            }
            return value;
        });
        return offset == null ? 0 : offset;
    }
}
