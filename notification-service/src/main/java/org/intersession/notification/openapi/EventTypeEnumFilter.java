package org.intersession.notification.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.intersession.notification.webhook.WebhookEventTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Lists the event types a webhook endpoint may subscribe to as an enum, from the set the service accepts. */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class EventTypeEnumFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents() == null ? null : api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        List<Object> types = new ArrayList<>(new TreeSet<>(WebhookEventTypes.SUBSCRIBABLE));
        for (String name : List.of("WebhookEndpointInput", "WebhookEndpointPatch", "WebhookEndpointView", "WebhookEndpointWithSecret")) {
            Schema schema = schemas.get(name);
            Schema eventTypes = schema == null || schema.getProperties() == null ? null : schema.getProperties().get("eventTypes");
            if (eventTypes != null && eventTypes.getItems() != null) {
                eventTypes.getItems().setEnumeration(types);
            }
        }
        Schema delivery = schemas.get("WebhookDeliveryView");
        if (delivery != null && delivery.getProperties() != null && delivery.getProperties().get("eventType") != null) {
            delivery.getProperties().get("eventType").setEnumeration(types);
        }
    }
}
