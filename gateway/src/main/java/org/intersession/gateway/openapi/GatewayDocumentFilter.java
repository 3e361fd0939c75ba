package org.intersession.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.intersession.gateway.apiclient.ApiClientService;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What only the gateway's document says. It names where clinic apps reach the API: the gateway, at the self-hoster's
 * own address, public, so marked {@code x-internal: false} (OWASP API9: an inventory of who each server is for); the
 * services' documents name no server, they are never reached directly. And it lists the API client scopes, from the
 * set the gateway accepts.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class GatewayDocumentFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.setServers(List.of(OASFactory.createServer()
                .url("https://{host}")
                .description("Your Intersession gateway. A local run (./intersession up) answers on http://localhost:8080.")
                .variables(Map.of("host", OASFactory.createServerVariable().defaultValue("intersession.example.org")
                        .description("The gateway's host name (and port, if not 443).")))
                .addExtension("x-internal", Boolean.FALSE)));
        Map<String, Schema> schemas = api.getComponents() == null ? null : api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        String scopes = String.join(", ", new TreeSet<>(ApiClientService.SCOPES));
        for (String name : List.of("NewApiClient", "ApiClientView")) {
            Schema schema = schemas.get(name);
            if (schema != null && schema.getProperties() != null && schema.getProperties().get("scopes") != null
                    && schema.getProperties().get("scopes").getItems() != null) {
                // listed rather than an enum: openapi-generator's Java client does not compile a set of inline enums
                schema.getProperties().get("scopes").getItems().setDescription("A scope: one of " + scopes + ".");
            }
        }
    }
}
