package org.intersession.gateway.clinic;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.intersession.gateway.auth.TokenIssuer;
import org.intersession.platform.idempotency.IdempotentCreate;
import org.intersession.platform.idempotency.IdempotentCreateInterceptor;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.util.UUID;

@Tag(name = "Clinics", description = "Clinics on this platform, managed by the platform operator.")
@Path("/api/v1/clinics")
@RolesAllowed(TokenIssuer.OPERATOR_ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ClinicResource {

    private final ClinicService clinics;

    ClinicResource(ClinicService clinics) {
        this.clinics = clinics;
    }

    /** Creates a clinic and invites its first admin; the response carries the admin's one-time invitation token. */
    @Operation(operationId = "createClinic", summary = "Create a clinic",
            description = "The platform operator creates a clinic and invites its first admin; the response carries the admin's one-time invitation token.")
    @APIResponse(responseCode = "201", description = "Created; Location is the new clinic.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClinicService.CreatedClinic.class)),
            headers = {@Header(name = "Location")})
    @APIResponse(responseCode = "409", description = IdempotentCreate.NOT_REPLAYED_CONFLICT)
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER,
            description = IdempotentCreate.NOT_REPLAYED)
    @IdempotentCreate(replay = false)
    @POST
    public Response create(ClinicService.NewClinic request, UriInfo uri) {
        ClinicService.CreatedClinic created = clinics.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.clinic().id().toString()).build())
                .entity(created).build();
    }

    @Operation(operationId = "listClinics", summary = "List clinics",
            description = "Every clinic on the platform, for the platform operator.")
    @GET
    public Page<ClinicService.ClinicView> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                               @QueryParam("cursor") @Size(max = 200) String cursor) {
        return clinics.list(limit, Cursor.decode(cursor));
    }

    @Operation(operationId = "getClinic", summary = "Read a clinic",
            description = "One clinic on the platform, for the platform operator: where the Location of a created clinic leads.")
    @GET
    @Path("{id}")
    public ClinicService.ClinicView get(@PathParam("id") UUID id) {
        return clinics.find(id).orElseThrow(() -> ApiProblemException.notFound("Clinic"));
    }
}
