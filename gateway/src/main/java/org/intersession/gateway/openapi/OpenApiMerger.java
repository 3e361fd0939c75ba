package org.intersession.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.intersession.gateway.proxy.RouteTable;
import org.intersession.gateway.proxy.Upstream;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the services' OpenAPI documents into the gateway's: only the paths the route table sends to that service
 * are taken (what a caller can reach), with the schemas they use. A schema name that means something else in
 * another document is renamed with the service's name, so no definition silently replaces another.
 */
final class OpenApiMerger {

    private static final String SCHEMA_REF = "#/components/schemas/";
    private static final java.util.regex.Pattern PATH_PARAMETER = java.util.regex.Pattern.compile("\\{[^}/]+}");
    private static final String SAMPLE_ID = "00000000-0000-4000-8000-000000000000";

    private final ObjectMapper mapper;

    OpenApiMerger(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode merge(JsonNode gateway, Map<Upstream, JsonNode> services) {
        ObjectNode merged = gateway.deepCopy();
        ObjectNode info = merged.withObject("/info");
        info.put("title", "Intersession API");
        ObjectNode paths = merged.withObject("/paths");
        ObjectNode schemas = merged.withObject("/components").withObject("/schemas");
        ObjectNode securitySchemes = merged.withObject("/components").withObject("/securitySchemes");

        services.forEach((upstream, document) -> {
            if (document == null || !document.has("openapi") || !document.path("paths").isObject()) {
                return;
            }
            JsonNode service = renameClashingSchemas(document, schemas, upstream);
            for (Iterator<Map.Entry<String, JsonNode>> it = service.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                if (RouteTable.upstreamFor(concrete(path.getKey())).filter(upstream::equals).isPresent()) {
                    paths.set(path.getKey(), withGatewayTimeout(path.getValue()));
                }
            }
            service.path("components").path("schemas").fields().forEachRemaining(s -> schemas.set(s.getKey(), s.getValue()));
            service.path("components").path("securitySchemes").fields()
                    .forEachRemaining(s -> securitySchemes.putIfAbsent(s.getKey(), s.getValue()));
        });
        return merged;
    }

    /** A forwarded operation can also time out at the gateway (ServiceProxy answers 504 after the upstream timeout). */
    private static JsonNode withGatewayTimeout(JsonNode pathItem) {
        ObjectNode item = pathItem.deepCopy();
        item.fields().forEachRemaining(operation -> {
            if (operation.getValue().path("responses").isObject() && operation.getValue().path("responses").has("503")) {
                ObjectNode responses = (ObjectNode) operation.getValue().get("responses");
                ObjectNode timeout = responses.get("503").deepCopy();
                timeout.put("description", "The service behind the gateway did not answer in time; retrying may help.");
                if (timeout.get("headers") instanceof ObjectNode headers) {
                    headers.remove("Retry-After");
                }
                responses.putIfAbsent("504", timeout);
            }
        });
        return item;
    }

    /** A documented path with a sample id for each parameter, as a request would carry it: {@code {clientId}} is a UUID. */
    static String concrete(String template) {
        return PATH_PARAMETER.matcher(template).replaceAll(SAMPLE_ID);
    }

    /** Renames, in the service's document, each schema that clashes with a different one of the same name. */
    private JsonNode renameClashingSchemas(JsonNode document, ObjectNode existing, Upstream upstream) {
        String text = document.toString();
        String prefix = upstream.name().charAt(0) + upstream.name().substring(1).toLowerCase(Locale.ROOT);
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").path("schemas").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            JsonNode clash = existing.get(schema.getKey());
            if (clash != null && !clash.equals(schema.getValue())) {
                String renamed = prefix + schema.getKey();
                text = text.replace("\"" + SCHEMA_REF + schema.getKey() + "\"", "\"" + SCHEMA_REF + renamed + "\"")
                        .replace("\"" + schema.getKey() + "\":{", "\"" + renamed + "\":{");
            }
        }
        try {
            return mapper.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
