package org.intersession.gateway.apiclient;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.intersession.platform.idempotency.IdempotentCreate;
import org.intersession.platform.idempotency.IdempotentCreateInterceptor;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.util.UUID;

@Tag(name = "API clients", description = "A clinic's own apps, which get tokens with the client-credentials grant.")
@Path("/api/v1/api-clients")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApiClientResource {

    private final ApiClientService apiClients;
    private final CurrentCaller caller;

    ApiClientResource(ApiClientService apiClients, CurrentCaller caller) {
        this.apiClients = apiClients;
        this.caller = caller;
    }

    @Operation(operationId = "createApiClient", summary = "Register an API client",
            description = "A clinic admin registers an app with the scopes it needs. The response carries the client secret, shown only this once.")
    @APIResponse(responseCode = "201", description = "Created; Location is the new API client. Keep clientSecret: it is not shown again.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiClientService.CreatedApiClient.class)),
            headers = {@Header(name = "Location")})
    @APIResponse(responseCode = "409", description = IdempotentCreate.NOT_REPLAYED_CONFLICT)
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER,
            description = IdempotentCreate.NOT_REPLAYED)
    @IdempotentCreate(replay = false)
    @POST
    public Response create(ApiClientService.NewApiClient request, UriInfo uri) {
        ApiClientService.CreatedApiClient created = apiClients.create(caller.get(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.apiClient().id().toString()).build())
                .entity(created).build();
    }

    @Operation(operationId = "listApiClients", summary = "List API clients",
            description = "The clinic's API clients, revoked ones included; never their secrets.")
    @GET
    public Page<ApiClientService.ApiClientView> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                                     @QueryParam("cursor") @Size(max = 200) String cursor) {
        return apiClients.list(caller.get(), limit, Cursor.decode(cursor));
    }

    @Operation(operationId = "revokeApiClient", summary = "Revoke an API client",
            description = "The client can no longer get tokens; tokens it holds stop working.")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") UUID id) {
        apiClients.revoke(caller.get(), id);
        return Response.noContent().build();
    }
}
