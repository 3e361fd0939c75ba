package org.intersession.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.gateway.proxy.Upstream;
import org.intersession.gateway.proxy.UpstreamPool;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * One OpenAPI document for the whole public API: the gateway's own routes and every route it forwards, taken from
 * the services' documents. It only describes the API, so it is fetched on demand and cached for a minute; a service
 * that does not answer leaves its routes out until the next fetch. Nothing is authorized or computed through it.
 * The gateway's own part is taken in-process: its /q/openapi is not served publicly in production.
 */
@Tag(name = "API document", description = "This OpenAPI document.")
@Path("/openapi")
public class MergedOpenApiResource {

    private static final Logger LOG = Logger.getLogger(MergedOpenApiResource.class);
    private static final Duration CACHE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final UpstreamPool instances;
    private final ObjectMapper mapper;
    private final OpenApiMerger merger;
    private final OpenApiDocumentService ownDocument;
    private volatile JsonNode cached;
    private volatile long cachedAt;

    MergedOpenApiResource(UpstreamPool instances, ObjectMapper mapper, OpenApiDocumentService ownDocument) {
        this.instances = instances;
        this.mapper = mapper;
        this.merger = new OpenApiMerger(mapper);
        this.ownDocument = ownDocument;
    }

    @Operation(operationId = "getApiDocument", summary = "Read the API document",
            description = "The OpenAPI 3.0.3 document of the whole public API: the gateway's routes and every service's.")
    @APIResponse(responseCode = "200", description = "The OpenAPI document.", content = @Content(mediaType = "application/json",
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, description = "An OpenAPI 3.0.3 document")))
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode document() throws IOException {
        JsonNode current = cached;
        if (current != null && System.nanoTime() - cachedAt < CACHE.toNanos()) {
            return current;
        }
        Map<Upstream, JsonNode> services = new EnumMap<>(Upstream.class);
        for (Upstream upstream : Upstream.values()) {
            services.put(upstream, fetchFromAnyInstance(upstream));
        }
        JsonNode own = mapper.readTree(ownDocument.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON));
        JsonNode merged = merger.merge(own, services);
        cached = merged;
        cachedAt = System.nanoTime();
        return merged;
    }

    private JsonNode fetchFromAnyInstance(Upstream upstream) {
        JsonNode document = null;
        for (int tries = instances.size(upstream); document == null && tries > 0; tries--) {
            document = fetch(instances.next(upstream));
        }
        return document;
    }

    private JsonNode fetch(String base) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? mapper.readTree(response.body()) : null;
        } catch (IOException e) {
            LOG.warnf("OpenAPI document of %s not available: %s", base, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
