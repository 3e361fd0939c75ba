package org.intersession.assignment.template;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.util.UUID;

@Path("/api/v1/templates")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private final TemplateService templates;
    private final CurrentCaller caller;

    TemplateResource(TemplateService templates, CurrentCaller caller) {
        this.templates = templates;
        this.caller = caller;
    }

    @GET
    public Page<TemplateView> list(@QueryParam("category") @Size(max = 40) String category,
                                   @QueryParam("includeArchived") @DefaultValue("false") boolean includeArchived,
                                   @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                   @QueryParam("cursor") @Size(max = 200) String cursor) {
        return templates.list(caller.get(), category, includeArchived, limit, Cursor.decode(cursor));
    }

    @GET
    @Path("{id}")
    public TemplateView get(@PathParam("id") UUID id) {
        return templates.find(caller.get(), id, null).orElseThrow(() -> ApiProblemException.notFound("Template"));
    }

    @GET
    @Path("{id}/versions/{version}")
    public TemplateView version(@PathParam("id") UUID id, @PathParam("version") @Min(1) int version) {
        return templates.find(caller.get(), id, version).orElseThrow(() -> ApiProblemException.notFound("Template version"));
    }

    @POST
    public Response create(TemplateInput input, UriInfo uri) {
        TemplateView created = templates.create(caller.get(), input);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    /** Publishes a new version with this content. */
    @PUT
    @Path("{id}")
    public TemplateView update(@PathParam("id") UUID id, TemplateInput input) {
        return templates.update(caller.get(), id, input);
    }

    @POST
    @Path("{id}/archive")
    @Consumes(MediaType.WILDCARD)
    public TemplateView archive(@PathParam("id") UUID id) {
        return templates.archive(caller.get(), id);
    }
}
