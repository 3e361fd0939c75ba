package org.intersession.notification.webhook;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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

/** A clinic's webhook endpoints, signed deliveries of its events (Standard Webhooks 1.0). */
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
    @POST
    public Response register(WebhookEndpointInput input, UriInfo uri) {
        WebhookEndpointView.Created created = webhooks.register(caller.get(), input);
        return Response.created(uri.getAbsolutePathBuilder().path(created.endpoint().id().toString()).build())
                .entity(created).build();
    }

    @GET
    public Page<WebhookEndpointView> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                          @QueryParam("cursor") @Size(max = 200) String cursor) {
        return webhooks.list(caller.get(), limit, Cursor.decode(cursor));
    }

    @GET
    @Path("{id}")
    public WebhookEndpointView get(@PathParam("id") UUID id) {
        return webhooks.find(caller.get(), id).orElseThrow(() -> ApiProblemException.notFound("Webhook endpoint"));
    }

    @PATCH
    @Path("{id}")
    public WebhookEndpointView update(@PathParam("id") UUID id, WebhookEndpointPatch patch) {
        return webhooks.update(caller.get(), id, patch);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id) {
        webhooks.delete(caller.get(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/secret-rotations")
    @Consumes(MediaType.WILDCARD)
    public Response rotateSecret(@PathParam("id") UUID id) {
        return Response.status(Response.Status.CREATED).entity(webhooks.rotateSecret(caller.get(), id)).build();
    }

    @GET
    @Path("{id}/deliveries")
    public Page<WebhookDeliveryView> deliveries(@PathParam("id") UUID id,
                                                @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                                @QueryParam("cursor") @Size(max = 200) String cursor) {
        return webhooks.deliveries(caller.get(), id, limit, Cursor.decode(cursor));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/replays")
    @Consumes(MediaType.WILDCARD)
    public Response replay(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(webhooks.replay(caller.get(), id, deliveryId)).build();
    }
}
