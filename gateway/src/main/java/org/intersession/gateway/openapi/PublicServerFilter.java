package org.intersession.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.util.List;

/**
 * Names where clinic apps reach the API: the gateway, at the self-hoster's own address. It is public, so marked
 * {@code x-internal: false} (OWASP API9, an inventory of who each server is for). The services' documents name no
 * server: they are never reached directly.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PublicServerFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.setServers(List.of(OASFactory.createServer()
                .url("https://{host}")
                .description("Your Intersession gateway. A local run (./intersession up) answers on http://localhost:8080.")
                .variables(java.util.Map.of("host", OASFactory.createServerVariable().defaultValue("intersession.example.org")
                        .description("The gateway's host name (and port, if not 443).")))
                .addExtension("x-internal", Boolean.FALSE)));
    }
}
