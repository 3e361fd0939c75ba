package org.intersession.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.swagger.v3.oas.models.headers.Header;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks every REST Assured exchange of a test against the API document of the server it talks to: an answer with a
 * status, field or header the document does not declare fails the test. A request the document calls invalid may
 * be sent when the server refuses it (testing refusals is the point of many tests); one the server accepts fails.
 * Installed for every test by {@link #install()}, so no test can forget it. The document is read from the server
 * under test: its own {@code /q/openapi} for a service's tests, the gateway's merged {@code /openapi} end to end
 * (system property {@value #DOCUMENT_PROPERTY}).
 */
public final class ApiContract implements Filter {

    public static final String DOCUMENT_PROPERTY = "intersession.contract.document";
    static final ApiContract INSTANCE = new ApiContract();

    /** Headers of our conventions (docs/api-guide.md): an answer that sends one must declare it. */
    private static final Set<String> DECLARED_HEADERS = Set.of("etag", "location", "idempotent-replayed", "retry-after",
            "ratelimit", "ratelimit-policy");
    private static final Map<String, Optional<OpenApiInteractionValidator>> VALIDATORS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiContract() {
    }

    /** Adds the check to REST Assured's global filters, once. */
    public static void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        String document = System.getProperty(DOCUMENT_PROPERTY, "/q/openapi?format=json");
        if (uri.getPath().startsWith("/q/") || uri.getPath().equals(document.split("\\?")[0])) {
            return response; // the platform's own endpoints (health, metrics, the document) are not the API
        }
        Optional<OpenApiInteractionValidator> validator = VALIDATORS.computeIfAbsent(
                uri.getScheme() + "://" + uri.getAuthority() + document, ApiContract::load);
        if (validator.isEmpty()) {
            return response;
        }
        ValidationReport report = validator.get().validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
        if (report.getMessages().stream().anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                || m.getKey().equals("validation.request.operation.notAllowed"))) {
            return response; // not an operation of this document (a stub upstream, or a probe of unknown routes)
        }
        boolean refused = response.statusCode() >= 400;
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !(refused && m.getKey().startsWith("validation.request.")))
                // the bearer token goes through REST Assured's auth, which is added after filters see the request
                .filter(m -> !m.getKey().startsWith("validation.request.security."))
                // the services read any ISO-8601 date-time (2026-03-29T20:15+02:00, as Java writes it); the document's
                // RFC 3339 date-time, which the validator checks, is the stricter form they always answer with
                .filter(m -> !(m.getKey().startsWith("validation.request.") && m.getMessage().contains("requested date format")))
                // so do form parameters: REST Assured encodes them into the body after the filters
                .filter(m -> !(m.getKey().startsWith("validation.request.body.") && !request.getFormParams().isEmpty()))
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("The exchange " + request.getMethod() + " " + uri.getPath() + " -> " + response.statusCode()
                    + " does not match the API document:\n  " + errors.stream().map(m -> m.getKey() + ": " + m.getMessage())
                    .collect(Collectors.joining("\n  ")) + "\nbody: " + abbreviate(response.asString()));
        }
        return response;
    }

    private static Optional<OpenApiInteractionValidator> load(String url) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().contains("\"openapi\"")) {
                return Optional.empty();
            }
            return Optional.of(OpenApiInteractionValidator.createForInlineApiSpecification(nullableReferences(answer.body()))
                    .withCustomResponseValidation(ApiContract::declaredHeaders)
                    .build());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * OpenAPI 3.0 says "this object, or null" as {@code allOf: [{$ref}], nullable: true}, which the validator's JSON
     * Schema engine reads as "this object" only; it is given the equivalent {@code oneOf: [{$ref}, {type: null}]}.
     */
    static String nullableReferences(String document) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.JsonNode root = mapper.readTree(document);
            rewriteNullableReferences(root);
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void rewriteNullableReferences(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (object.path("nullable").asBoolean(false) && object.path("allOf").size() == 1 && object.path("allOf").get(0).has("$ref")) {
                com.fasterxml.jackson.databind.node.ArrayNode oneOf = object.putArray("oneOf");
                oneOf.add(object.get("allOf").get(0));
                oneOf.addObject().put("type", "null");
                object.remove("allOf");
                object.remove("nullable");
            }
        }
        node.forEach(ApiContract::rewriteNullableReferences);
    }

    /** The validator checks declared headers; this finds the sent ones that are not declared. */
    private static ValidationReport declaredHeaders(com.atlassian.oai.validator.model.Response response, ApiOperation operation) {
        io.swagger.v3.oas.models.responses.ApiResponse declared = operation.getOperation().getResponses() == null ? null
                : operation.getOperation().getResponses().get(String.valueOf(response.getStatus()));
        if (declared == null) {
            return ValidationReport.empty(); // an undeclared status is reported by the validator itself
        }
        Map<String, Header> headers = declared.getHeaders() == null ? Map.of() : declared.getHeaders();
        Set<String> names = headers.keySet().stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
        ValidationReport report = ValidationReport.empty();
        for (String name : DECLARED_HEADERS) {
            if (!response.getHeaderValues(name).isEmpty() && !names.contains(name)) {
                report = report.merge(ValidationReport.singleton(ValidationReport.Message.create(
                        "intersession.response.header.undeclared", "Header " + name + " is sent but not declared for "
                                + response.getStatus()).build()));
            }
        }
        return report;
    }

    private static String abbreviate(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
    }
}
