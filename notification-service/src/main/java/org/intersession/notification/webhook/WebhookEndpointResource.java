package org.intersession.notification.webhook;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.ETags;
import org.intersession.platform.web.Page;
import org.intersession.platform.web.Versioned;

import java.util.UUID;

/** A clinic's webhook endpoints, signed deliveries of its events (Standard Webhooks 1.0). */
@Tag(name = "Webhooks", description = "Endpoints of a clinic's apps that receive events, signed as Standard Webhooks 1.0.")
@Path("/api/v1/webhook-endpoints")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEndpointResource {

    private final WebhookService webhooks;
    private final CurrentCaller caller;

    WebhookEndpointResource(WebhookService webhooks, CurrentCaller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    /** The answer carries the signing secret; it is never shown again. */
    @Operation(operationId = "createWebhookEndpoint", summary = "Register a webhook endpoint",
            description = "Registers a URL to receive the chosen event types. The response carries the signing secret, shown only this once.")
    @APIResponse(responseCode = "201", description = "Created; Location is the new endpoint. Keep secret: it is not shown again.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookEndpointView.Created.class)),
            headers = {@Header(name = "Location"), @Header(name = "ETag")})
    @APIResponse(responseCode = "409", description = "The clinic has as many webhook endpoints as it may. Or: " + IdempotentCreate.NOT_REPLAYED_CONFLICT)
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER,
            description = IdempotentCreate.NOT_REPLAYED)
    @IdempotentCreate(replay = false)
    @POST
    public Response register(WebhookEndpointInput input, UriInfo uri) {
        Versioned<WebhookEndpointView.Created> created = webhooks.register(caller.get(), input);
        return ETags.created(uri.getAbsolutePathBuilder().path(created.body().endpoint().id().toString()).build(), created);
    }

    @Operation(operationId = "listWebhookEndpoints", summary = "List webhook endpoints",
            description = "The clinic's webhook endpoints; never their secrets.")
    @GET
    public Page<WebhookEndpointView> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                          @QueryParam("cursor") @Size(max = 200) String cursor) {
        return webhooks.list(caller.get(), limit, Cursor.decode(cursor));
    }

    @Operation(operationId = "getWebhookEndpoint", summary = "Read a webhook endpoint",
            description = "One webhook endpoint, with its ETag for a later change; never its secret.")
    @APIResponse(responseCode = "200", description = "The endpoint.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookEndpointView.class)),
            headers = {@Header(name = "ETag")})
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        return ETags.ok(webhooks.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("Webhook endpoint")));
    }

    @Operation(operationId = "updateWebhookEndpoint", summary = "Change a webhook endpoint",
            description = "Changes the given fields: url, eventTypes, description, contentMode, enabled. Needs If-Match with the ETag from a read: a change made meanwhile (by someone else, or the endpoint disabled after failed deliveries) is a 412, not lost.")
    @APIResponse(responseCode = "200", description = "The changed endpoint.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookEndpointView.class)),
            headers = {@Header(name = "ETag")})
    @APIResponse(responseCode = "412", description = "The endpoint changed since the ETag in If-Match was read.")
    @APIResponse(responseCode = "428", description = "If-Match is missing.")
    @PATCH
    @Path("{id}")
    public Response update(@PathParam("id") UUID id, @HeaderParam(ETags.IF_MATCH) String ifMatch, WebhookEndpointPatch patch) {
        return ETags.ok(webhooks.update(caller.get(), id, ifMatch, patch));
    }

    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint",
            description = "Removes the endpoint and its deliveries. Needs If-Match with the ETag from a read.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "412", description = "The endpoint changed since the ETag in If-Match was read.")
    @APIResponse(responseCode = "428", description = "If-Match is missing.")
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @HeaderParam(ETags.IF_MATCH) String ifMatch) {
        webhooks.delete(caller.get(), id, ifMatch);
        return Response.noContent().build();
    }

    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate a webhook secret",
            description = "A new signing secret; the previous one keeps signing too until previousSecretExpiresAt, so receivers can switch without losing deliveries.")
    @APIResponse(responseCode = "201", description = "The new secret, shown only this once.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookEndpointView.RotatedSecret.class)))
    @APIResponse(responseCode = "409", description = IdempotentCreate.NOT_REPLAYED_CONFLICT)
    @Parameter(name = IdempotentCreateInterceptor.HEADER, in = ParameterIn.HEADER,
            description = IdempotentCreate.NOT_REPLAYED)
    @IdempotentCreate(replay = false)
    @POST
    @Path("{id}/secret-rotations")
    @Consumes(MediaType.WILDCARD)
    public Response rotateSecret(@PathParam("id") UUID id) {
        return Response.status(Response.Status.CREATED).entity(webhooks.rotateSecret(caller.get(), id)).build();
    }

    @Operation(operationId = "listWebhookDeliveries", summary = "List an endpoint's deliveries",
            description = "Each delivery to the endpoint, newest first, with every attempt and the next one planned.")
    @GET
    @Path("{id}/deliveries")
    public Page<WebhookDeliveryView> deliveries(@PathParam("id") UUID id,
                                                @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                                @QueryParam("cursor") @Size(max = 200) String cursor) {
        return webhooks.deliveries(caller.get(), id, limit, Cursor.decode(cursor));
    }

    @Operation(operationId = "replayWebhookDelivery", summary = "Replay a delivery",
            description = "Sends the same event again, with the same webhook-id, once it has succeeded or failed.")
    @APIResponse(responseCode = "202", description = "Accepted; the delivery is sent again shortly.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookDeliveryView.class)))
    @APIResponse(responseCode = "409", description = "The endpoint is disabled, or the delivery is still pending.")
    @POST
    @Path("{id}/deliveries/{deliveryId}/replays")
    @Consumes(MediaType.WILDCARD)
    public Response replay(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(webhooks.replay(caller.get(), id, deliveryId)).build();
    }
}
