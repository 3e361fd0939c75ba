package org.intersession.progress.entry;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.platform.idempotency.IdempotentCreate;
import org.intersession.platform.idempotency.IdempotentCreateInterceptor;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Changes;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.ETags;
import org.intersession.platform.web.Page;
import org.intersession.platform.web.Versioned;

import java.util.UUID;

@Tag(name = "Progress entries", description = "What the client did for each occurrence of their homework.")
@Path("/api/v1/progress-entries")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProgressEntryResource {

    private final ProgressEntryService entries;
    private final ProgressEntryListing listing;
    private final CurrentCaller caller;

    ProgressEntryResource(ProgressEntryService entries, ProgressEntryListing listing, CurrentCaller caller) {
        this.entries = entries;
        this.listing = listing;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listProgressEntries", summary = "List progress entries",
            description = "Entries newest first (by when they reached Intersession), optionally of one assignment or one client. "
                    + "A client lists their own, a therapist their care team's, an admin or an API client with progress:read "
                    + "the clinic's. A private note is shown to its client only.")
    public Page<ProgressEntryView> list(@QueryParam("assignmentId") UUID assignmentId,
                                        @QueryParam("clientId") UUID clientId,
                                        @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                        @QueryParam("cursor") @Size(max = 200) String cursor) {
        return listing.list(caller.get(), new ProgressEntryListing.Filter(assignmentId, clientId), limit, Cursor.decode(cursor));
    }

    @GET
    @Path("sync")
    @Operation(operationId = "syncProgressEntries", summary = "Progress entries recorded or amended since a sync token",
            description = "A changes feed for apps that work offline: every entry recorded or amended after `since`, oldest "
                    + "change first, each in its current state. Leave `since` out the first time to get every entry; keep "
                    + "`syncToken` and send it as `since` next time; while `hasMore` is true, ask again at once. A token "
                    + "belongs to the filters it was made with. No change is skipped, even one committed late.")
    public Changes<ProgressEntryView> sync(@QueryParam("since") @Size(max = 200) String since,
                                           @QueryParam("assignmentId") UUID assignmentId,
                                           @QueryParam("clientId") UUID clientId,
                                           @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return listing.changes(caller.get(), new ProgressEntryListing.Filter(assignmentId, clientId), limit, since);
    }

    /** 201 the first time; 200 with the same entry when an offline app resubmits it. */
    @Operation(operationId = "createProgressEntry", summary = "Log progress",
            description = "A client logs what they did (or that they skipped) for one occurrence. The id comes from the app, so an offline app can send the same entry again safely: 201 the first time, 200 with the stored entry for an identical resend.")
    @APIResponse(responseCode = "201", description = "Recorded; Location is the new entry.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProgressEntryView.class)),
            headers = {@Header(name = "Location"), @Header(name = "ETag")})
    @APIResponse(responseCode = "200", description = "This entry was recorded before; the stored entry.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProgressEntryView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "404", description = "The assignment is not visible to the caller.")
    @APIResponse(responseCode = "409", description = "An entry with this id has other content, the occurrence already has an entry, the assignment takes no more entries, or its schedule has not reached this service yet.")
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER)
    @IdempotentCreate
    @POST
    public Response record(NewProgressEntry request, UriInfo uri) {
        ProgressEntryService.Recorded recorded = entries.record(caller.get(), request);
        Versioned<ProgressEntryView> entry = new Versioned<>(recorded.entry(), recorded.entry().version());
        if (!recorded.created()) {
            return ETags.ok(entry);
        }
        return ETags.created(uri.getAbsolutePathBuilder().path(recorded.entry().id().toString()).build(), entry);
    }

    @Operation(operationId = "getProgressEntry", summary = "Read a progress entry",
            description = "One entry, with its ETag for a later amendment.")
    @APIResponse(responseCode = "200", description = "The entry.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProgressEntryView.class)),
            headers = {@Header(name = "ETag")})
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        ProgressEntryView entry = entries.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("Progress entry"));
        return ETags.ok(new Versioned<>(entry, entry.version()));
    }

    /** The client corrects an entry; If-Match with its ETag. The earlier state is kept as a revision. */
    @Operation(operationId = "amendProgressEntry", summary = "Amend a progress entry",
            description = "The client corrects an entry; needs If-Match with its ETag. The earlier state is kept as a revision.")
    @APIResponse(responseCode = "200", description = "The amended entry.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProgressEntryView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "412", description = "The entry changed since the ETag in If-Match was read.")
    @APIResponse(responseCode = "428", description = "If-Match is missing.")
    @PUT
    @Path("{id}")
    public Response amend(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, EntryAmendment amendment) {
        ProgressEntryView entry = entries.amend(caller.get(), id, ifMatch, amendment);
        return ETags.ok(new Versioned<>(entry, entry.version()));
    }
}
