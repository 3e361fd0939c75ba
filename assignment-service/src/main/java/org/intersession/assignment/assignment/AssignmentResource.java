package org.intersession.assignment.assignment;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;

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

    @POST
    public Response create(NewAssignment request, UriInfo uri) {
        AssignmentView created = assignments.create(caller.get(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @Path("{id}")
    public AssignmentView get(@PathParam("id") UUID id) {
        return assignments.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("Assignment"));
    }
}
