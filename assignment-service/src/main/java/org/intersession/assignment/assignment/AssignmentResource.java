package org.intersession.assignment.assignment;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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

@Tag(name = "Assignments", description = "Homework given to a client: rationale, schedule, reminders and its lifecycle.")
@Path("/api/v1/assignments")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentResource {

    private final AssignmentService assignments;
    private final CurrentCaller caller;

    AssignmentResource(AssignmentService assignments, CurrentCaller caller) {
        this.assignments = assignments;
        this.caller = caller;
    }

    /** Honours Idempotency-Key: a retry with the same body answers the first result, marked Idempotent-Replayed. */
    @Operation(operationId = "createAssignment", summary = "Assign homework to a client",
            description = "A therapist assigns homework to a client in their care team (an API client names the therapist). The assignment pins the template's field schema. Send an Idempotency-Key to make a retry safe: the same key and body answer the first result again, marked Idempotent-Replayed.")
    @APIResponse(responseCode = "201", description = "Created; Location is the new assignment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssignmentView.class)),
            headers = {@Header(name = "Location"), @Header(name = "ETag")})
    @APIResponse(responseCode = "404", description = "The client (or template) is not visible to the caller, or the care team has not reached this service yet.")
    @APIResponse(responseCode = "409", description = "The client has no time zone yet, or a request with this Idempotency-Key is still being processed.")
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER)
    @IdempotentCreate
    @POST
    public Response create(NewAssignment request, UriInfo uri) {
        AssignmentView created = assignments.create(caller.get(), request);
        return ETags.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build(), new Versioned<>(created, created.version()));
    }

    @Operation(operationId = "listAssignments", summary = "List assignments",
            description = "The assignments the caller may see, newest first: a client's own, a therapist's care team's, a clinic's for an admin or API client. Filter by client, therapist and status.")
    @GET
    public Page<AssignmentView> list(@QueryParam("clientId") UUID clientId,
                                     @QueryParam("therapistId") UUID therapistId,
                                     @QueryParam("status") AssignmentStatus status,
                                     @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                     @QueryParam("cursor") @Size(max = 200) String cursor) {
        return assignments.list(caller.get(), new AssignmentService.Filter(clientId, therapistId, status), limit, Cursor.decode(cursor));
    }

    @GET
    @Path("sync")
    @Operation(operationId = "syncAssignments", summary = "Assignments created or changed since a sync token",
            description = "A changes feed for apps that work offline: every assignment created or changed after `since` "
                    + "(edited, acknowledged, paused, resumed, cancelled, completed, expired), oldest change first, each in "
                    + "its current state; a cancelled one comes with status CANCELLED. Leave `since` out the first time to "
                    + "get every assignment; keep `syncToken` and send it as `since` next time; while `hasMore` is true, ask "
                    + "again at once. A token belongs to the filters it was made with. No change is skipped.")
    public Changes<AssignmentView> sync(@QueryParam("since") @Size(max = 200) String since,
                                        @QueryParam("clientId") UUID clientId,
                                        @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return assignments.changes(caller.get(), clientId, limit, since);
    }

    @Operation(operationId = "getAssignment", summary = "Read an assignment",
            description = "One assignment, with its ETag for a later change.")
    @APIResponse(responseCode = "200", description = "The assignment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssignmentView.class)),
            headers = {@Header(name = "ETag")})
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        AssignmentView view = assignments.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("Assignment"));
        return withEtag(view);
    }

    /** Needs If-Match with the ETag from a read: a change made meanwhile by someone else is a 412, not lost. */
    @Operation(operationId = "updateAssignment", summary = "Change an assignment",
            description = "Changes the given fields (JSON merge of the named fields). Needs If-Match with the ETag from a read: a change made meanwhile by someone else is a 412, not lost.")
    @APIResponse(responseCode = "200", description = "The changed assignment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssignmentView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "409", description = "The assignment's status does not allow this change.")
    @APIResponse(responseCode = "412", description = "The assignment changed since the ETag in If-Match was read.")
    @APIResponse(responseCode = "428", description = "If-Match is missing.")
    @PATCH
    @Path("{id}")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, AssignmentPatch patch) {
        return withEtag(assignments.update(caller.get(), id, ifMatch, patch));
    }

    /** The client confirms they have seen the homework; it becomes ACTIVE. */
    @Operation(operationId = "acknowledgeAssignment", summary = "Acknowledge an assignment",
            description = "The client confirms they have seen the homework; an ASSIGNED assignment becomes ACTIVE.")
    @APIResponse(responseCode = "200", description = "The acknowledged assignment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssignmentView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "409", description = "The assignment's status does not allow this change.")
    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.WILDCARD)
    public Response acknowledge(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.ACKNOWLEDGE));
    }

    @Operation(operationId = "pauseAssignment", summary = "Pause an assignment",
            description = "An ACTIVE or ASSIGNED assignment becomes PAUSED: no reminders and no missed occurrences until it resumes.")
    @APIResponse(responseCode = "200", description = "The paused assignment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssignmentView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "409", description = "The assignment's status does not allow this change.")
    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.WILDCARD)
    public Response pause(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.PAUSE));
    }

    @Operation(operationId = "resumeAssignment", summary = "Resume an assignment",
            description = "A PAUSED assignment becomes ACTIVE again.")
    @APIResponse(responseCode = "200", description = "The resumed assignment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssignmentView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "409", description = "The assignment's status does not allow this change.")
    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.WILDCARD)
    public Response resume(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.RESUME));
    }

    @Operation(operationId = "cancelAssignment", summary = "Cancel an assignment",
            description = "The assignment ends without being completed and takes no more entries.")
    @APIResponse(responseCode = "200", description = "The cancelled assignment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssignmentView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "409", description = "The assignment's status does not allow this change.")
    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    public Response cancel(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.CANCEL));
    }

    @Operation(operationId = "completeAssignment", summary = "Complete an assignment",
            description = "The therapist marks the homework as done with; it takes no more entries.")
    @APIResponse(responseCode = "200", description = "The completed assignment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AssignmentView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "409", description = "The assignment's status does not allow this change.")
    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.WILDCARD)
    public Response complete(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.COMPLETE));
    }

    private static Response withEtag(AssignmentView view) {
        return ETags.ok(new Versioned<>(view, view.version()));
    }
}
