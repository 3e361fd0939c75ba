package org.intersession.progress.entry;

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

@Path("/api/v1/progress-entries")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProgressEntryResource {

    private final ProgressEntryService entries;
    private final CurrentCaller caller;

    ProgressEntryResource(ProgressEntryService entries, CurrentCaller caller) {
        this.entries = entries;
        this.caller = caller;
    }

    /** 201 the first time; 200 with the same entry when an offline app resubmits it. */
    @POST
    public Response record(NewProgressEntry request, UriInfo uri) {
        ProgressEntryService.Recorded recorded = entries.record(caller.get(), request);
        if (!recorded.created()) {
            return Response.ok(recorded.entry()).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(recorded.entry().id().toString()).build())
                .entity(recorded.entry()).build();
    }

    @GET
    @Path("{id}")
    public ProgressEntryView get(@PathParam("id") UUID id) {
        return entries.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("Progress entry"));
    }
}
