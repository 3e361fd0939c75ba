package org.intersession.assignment.template;

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
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.ETags;
import org.intersession.platform.web.Page;
import org.intersession.platform.web.Versioned;

import java.util.UUID;

@Tag(name = "Templates", description = "Homework templates: the built-in ones and a clinic's own, with versioned field schemas.")
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

    @Operation(operationId = "listTemplates", summary = "List templates",
            description = "The built-in templates and the clinic's own, filtered by category; archived ones only with includeArchived=true.")
    @GET
    public Page<TemplateView> list(@QueryParam("category") @Size(max = 40) String category,
                                   @QueryParam("includeArchived") @DefaultValue("false") boolean includeArchived,
                                   @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                   @QueryParam("cursor") @Size(max = 200) String cursor) {
        return templates.list(caller.get(), category, includeArchived, limit, Cursor.decode(cursor));
    }

    @Operation(operationId = "getTemplate", summary = "Read a template",
            description = "A template at its current version, with its ETag for a later change.")
    @APIResponse(responseCode = "200", description = "The template.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TemplateView.class)),
            headers = {@Header(name = "ETag")})
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        return ETags.ok(templates.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("Template")));
    }

    @Operation(operationId = "getTemplateVersion", summary = "Read a template version",
            description = "A template as it was at one version; an assignment pins the version it was made from.")
    @GET
    @Path("{id}/versions/{version}")
    public TemplateView version(@PathParam("id") UUID id, @PathParam("version") @Min(1) int version) {
        return templates.find(caller.get(), id, version).orElseThrow(() -> ApiProblemException.notFound("Template version"));
    }

    @Operation(operationId = "createTemplate", summary = "Create a clinic template",
            description = "A template of the caller's clinic, at version 1.")
    @APIResponse(responseCode = "201", description = "Created; Location is the new template.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TemplateView.class)),
            headers = {@Header(name = "Location"), @Header(name = "ETag")})
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER)
    @IdempotentCreate
    @POST
    public Response create(TemplateInput input, UriInfo uri) {
        Versioned<TemplateView> created = templates.create(caller.get(), input);
        return ETags.created(uri.getAbsolutePathBuilder().path(created.body().id().toString()).build(), created);
    }

    /** Publishes a new version with this content; If-Match with the ETag from a read, so that no edit is lost. */
    @Operation(operationId = "updateTemplate", summary = "Publish a new template version",
            description = "Replaces the template's content as a new version; existing assignments keep the version they pinned. Needs If-Match with the ETag from a read: a change made meanwhile by someone else is a 412, not lost.")
    @APIResponse(responseCode = "200", description = "The template at its new version.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TemplateView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "409", description = "Built-in templates are read-only.")
    @APIResponse(responseCode = "412", description = "The template changed since the ETag in If-Match was read.")
    @APIResponse(responseCode = "428", description = "If-Match is missing.")
    @PUT
    @Path("{id}")
    public Response update(@PathParam("id") UUID id, @HeaderParam(ETags.IF_MATCH) String ifMatch, TemplateInput input) {
        return ETags.ok(templates.update(caller.get(), id, ifMatch, input));
    }

    @Operation(operationId = "archiveTemplate", summary = "Archive a template",
            description = "An archived template is no longer offered for new assignments; existing ones are unchanged.")
    @APIResponse(responseCode = "200", description = "The archived template.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TemplateView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "409", description = "Built-in templates are read-only.")
    @POST
    @Path("{id}/archive")
    @Consumes(MediaType.WILDCARD)
    public Response archive(@PathParam("id") UUID id) {
        return ETags.ok(templates.archive(caller.get(), id));
    }
}
