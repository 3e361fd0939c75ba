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
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Changes;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.util.UUID;

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
    @POST
    public Response create(NewAssignment request, @HeaderParam("Idempotency-Key") String idempotencyKey, UriInfo uri) {
        AssignmentService.Created created = assignments.create(caller.get(), request, idempotencyKey);
        Response.ResponseBuilder response = Response.created(uri.getAbsolutePathBuilder().path(created.assignment().id().toString()).build())
                .entity(created.assignment())
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(created.assignment().version())));
        if (created.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

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

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        AssignmentView view = assignments.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("Assignment"));
        return withEtag(view);
    }

    /** Needs If-Match with the ETag from a read: a change made meanwhile by someone else is a 412, not lost. */
    @PATCH
    @Path("{id}")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, AssignmentPatch patch) {
        return withEtag(assignments.update(caller.get(), id, ifMatch, patch));
    }

    /** The client confirms they have seen the homework; it becomes ACTIVE. */
    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.WILDCARD)
    public Response acknowledge(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.ACKNOWLEDGE));
    }

    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.WILDCARD)
    public Response pause(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.PAUSE));
    }

    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.WILDCARD)
    public Response resume(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.RESUME));
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    public Response cancel(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.CANCEL));
    }

    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.WILDCARD)
    public Response complete(@PathParam("id") UUID id) {
        return withEtag(assignments.change(caller.get(), id, AssignmentStatus.Change.COMPLETE));
    }

    private static Response withEtag(AssignmentView view) {
        return Response.ok(view).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(view.version()))).build();
    }
}
