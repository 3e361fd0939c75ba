package org.intersession.progress.entry;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
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
    public Response get(@PathParam("id") UUID id) {
        ProgressEntryView entry = entries.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("Progress entry"));
        return Response.ok(entry).tag(new EntityTag(String.valueOf(entry.version()))).build();
    }

    /** The client corrects an entry; If-Match with its ETag. The earlier state is kept as a revision. */
    @PUT
    @Path("{id}")
    public Response amend(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, EntryAmendment amendment) {
        ProgressEntryView entry = entries.amend(caller.get(), id, ifMatch, amendment);
        return Response.ok(entry).tag(new EntityTag(String.valueOf(entry.version()))).build();
    }
}
