package org.intersession.notification.webhook;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

/** The event types a webhook endpoint may subscribe to. */
@Path("/api/v1/webhook-event-types")
@Tag(name = "Webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEventTypeResource {

    private final WebhookEventTypeCatalogue catalogue;
    private final CurrentCaller caller;

    WebhookEventTypeResource(WebhookEventTypeCatalogue catalogue, CurrentCaller caller) {
        this.catalogue = catalogue;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listWebhookEventTypes", summary = "List the webhook event types",
            description = "Every CloudEvents type a webhook endpoint may list in `eventTypes`, sorted by type, each with what it "
                    + "means and the JSON Schema (draft 2020-12) of its `data`, generated from the payload record the producing "
                    + "service writes. For a clinic admin or an API client with webhooks:write.")
    public Page<WebhookEventTypeView> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                           @QueryParam("cursor") @Size(max = 200) String cursor) {
        return catalogue.list(caller.get(), limit, Cursor.decode(cursor));
    }
}
