package org.intersession.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.intersession.gateway.proxy.Upstream;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiMergerTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void routedPathsAreMergedAndClashingSchemasRenamed() throws Exception {
        JsonNode gateway = mapper.readTree("""
                {"openapi":"3.1.0","info":{"title":"gateway"},"paths":{"/api/v1/users":{"get":{}}},
                 "components":{"schemas":{"View":{"type":"object","properties":{"email":{"type":"string"}}}}}}""");
        JsonNode assignments = mapper.readTree("""
                {"openapi":"3.1.0","paths":{
                   "/api/v1/assignments/{id}":{"get":{"responses":{"200":{"content":{"application/json":
                       {"schema":{"$ref":"#/components/schemas/View"}}}}}}},
                   "/test-only/internal":{"get":{}}},
                 "components":{"schemas":{"View":{"type":"object","properties":{"title":{"type":"string"}}}}}}""");

        JsonNode merged = new OpenApiMerger(mapper).merge(gateway, Map.of(Upstream.ASSIGNMENT, assignments,
                Upstream.PROGRESS, mapper.readTree("{\"not\":\"openapi\"}")));

        assertEquals("Intersession API", merged.at("/info/title").asText());
        assertTrue(merged.at("/paths").has("/api/v1/users"));
        assertTrue(merged.at("/paths").has("/api/v1/assignments/{id}"));
        assertFalse(merged.at("/paths").has("/test-only/internal"), "only routed paths are public");
        assertEquals("#/components/schemas/AssignmentView",
                merged.at("/paths/~1api~1v1~1assignments~1{id}/get/responses/200/content/application~1json/schema/$ref").asText());
        assertTrue(merged.at("/components/schemas/View/properties").has("email"), "the gateway's View is kept");
        assertTrue(merged.at("/components/schemas/AssignmentView/properties").has("title"));
    }

    @Test
    void pathsUnderOneClientAreDocumentedLikeEveryOtherRoutedPath() throws Exception {
        JsonNode progress = mapper.readTree("""
                {"openapi":"3.1.0","paths":{
                   "/api/v1/clients/{clientId}/pre-session-summary":{"get":{}},
                   "/api/v1/clients/{clientId}/reviews":{"get":{}}}}""");

        JsonNode merged = new OpenApiMerger(mapper).merge(mapper.readTree("{\"openapi\":\"3.1.0\"}"),
                Map.of(Upstream.PROGRESS, progress));

        assertTrue(merged.at("/paths").has("/api/v1/clients/{clientId}/pre-session-summary"));
        assertFalse(merged.at("/paths").has("/api/v1/clients/{clientId}/reviews"),
                "reviews are routed to assignment-service, so progress-service's copy is not reachable");
    }

    @Test
    void aForwardedOperationAlsoDeclaresTheGatewaysTimeout() throws Exception {
        JsonNode progress = mapper.readTree("""
                {"openapi":"3.0.3","paths":{"/api/v1/progress-entries":{"post":{"responses":{
                   "201":{"description":"Recorded"},
                   "503":{"description":"Unavailable","headers":{"Retry-After":{},"RateLimit":{}},
                          "content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}}}""");

        JsonNode merged = new OpenApiMerger(mapper).merge(mapper.readTree("{\"openapi\":\"3.0.3\"}"),
                Map.of(Upstream.PROGRESS, progress));

        JsonNode timeout = merged.at("/paths/~1api~1v1~1progress-entries/post/responses/504");
        assertEquals("#/components/schemas/Problem", timeout.at("/content/application~1problem+json/schema/$ref").asText());
        assertTrue(timeout.at("/headers").has("RateLimit"));
        assertFalse(timeout.at("/headers").has("Retry-After"), "a timeout promises no time to wait");
    }
}
