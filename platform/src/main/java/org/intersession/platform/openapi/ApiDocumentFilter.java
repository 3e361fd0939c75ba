package org.intersession.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.intersession.platform.problem.Problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every service's OpenAPI document has in common, added once instead of on every operation: the problem+json
 * schema and the error answers any operation can give (401, 403, 404, 429, 503, ...), the rate-limit headers the
 * gateway sends, and the shapes Java types take on the wire (a UUID is a 36-character string). Response-only schemas
 * list every non-nullable property as required, since our JSON always carries them. Runs at build time, so the
 * document a service serves is the one its build stores.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    private static final String REF = "#/components/schemas/";
    private static final String JSON = "application/json";

    /** Java types SmallRye writes as shared schemas; inlined, so that a nullable use of one can say so. */
    private static final Map<String, Scalar> SCALARS = Map.of(
            "UUID", new Scalar("uuid", 36, null),
            "OffsetDateTime", new Scalar("date-time", 40, "2026-03-29T20:15:00+02:00"),
            "Instant", new Scalar("date-time", 40, "2026-03-29T18:15:00Z"),
            "LocalDateTime", new Scalar("local-date-time", 29, "2026-03-29T20:00"),
            "LocalDate", new Scalar("date", 10, "2026-03-29"),
            "LocalTime", new Scalar("local-time", 18, "20:00"),
            "ZoneId", new Scalar("time-zone", 64, "Europe/Berlin"),
            "URI", new Scalar("uri", 2048, null));

    private record Scalar(String format, int maxLength, String example) {
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        inlineScalars(api);
        boundFormattedStrings(api);
        flattenNullables(api);
        api.getComponents().addSchema(FIELD_ERROR, fieldErrorSchema());
        api.getComponents().addSchema(PROBLEM, problemSchema());
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach(
                    (method, operation) -> completeResponses(path, method, operation)));
        }
        requireResponseProperties(api);
    }

    // ---- responses every operation shares ----

    private void completeResponses(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean secured = requiresToken(operation);
        describeParameters(operation, responses);
        if (takesIdempotencyKey(operation)) {
            idempotencyAnswers(responses);
        }
        boolean hasInput = operation.getRequestBody() != null || (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || path.contains("{");
        if (hasInput) {
            problem(responses, "400", "The request is invalid: the problem names each offending field in `errors`.");
        }
        if (secured) {
            problem(responses, "401", "No valid bearer token: missing, expired, revoked, or not signed by this platform.")
                    .addHeader("WWW-Authenticate", header("`Bearer`: how to authenticate.", false));
            problem(responses, "403", "The caller's role or scopes do not allow this operation.");
        }
        if (path.contains("{")) {
            problem(responses, "404", "No such resource visible to the caller. Another clinic's ids answer 404 too, "
                    + "so an id never reveals whether it exists elsewhere.");
        }
        if (operation.getRequestBody() != null) {
            problem(responses, "413", "The request body is larger than 1 MiB.");
            problem(responses, "415", "The body is not of a media type this operation accepts.");
        }
        problem(responses, "406", "The Accept header names no media type this operation can answer with.");
        problem(responses, "429", "Too many requests from this caller or address; retry after `Retry-After` seconds.")
                .addHeader("Retry-After", header("Seconds until the rate-limit window resets.", true, integer(0, 3600)));
        problem(responses, "500", "An unexpected error; it is logged with the request id, and the body never carries its cause.");
        problem(responses, "503", "A dependency (the database, or a service behind the gateway) is unavailable for now; "
                + "retry after `Retry-After` seconds.")
                .addHeader("Retry-After", header("Seconds after which a retry is reasonable.", false, integer(0, 3600)));
        // the gateway's edge limits every route but health probes (the API document and the key set too), and sends
        // them before anything else answers, so on every status
        responses.getAPIResponses().values().forEach(ApiDocumentFilter::rateLimitHeaders);
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                problemContent(response);
            }
            if (response.getHeaders() == null || !response.getHeaders().containsKey("Access-Control-Allow-Origin")) {
                response.addHeader("Access-Control-Allow-Origin", header("Sent only to a browser whose Origin is one the "
                        + "self-hoster allowed (INTERSESSION_CORS_ORIGINS; none by default).", false, text(2048)));
            }
            response.getHeaders().forEach(ApiDocumentFilter::describeHeader);
        });
        sortResponses(operation);
    }

    /** The request headers and paging parameters of our conventions, described once (docs/api-guide.md). */
    private static void describeParameters(Operation operation, APIResponses responses) {
        if (operation.getParameters() == null) {
            return;
        }
        operation.getParameters().forEach(parameter -> {
            String name = parameter.getName();
            String description = switch (name) {
                case "If-Match" -> "The ETag of the copy being changed, from a read. A stale one is a 412; without it, a 428.";
                case "Idempotency-Key" -> "Makes a retry safe (IETF Idempotency-Key draft): the same key and body answer the first "
                        + "result again (status, Location, ETag and body), marked Idempotent-Replayed; the same key with another "
                        + "body is a 422; a retry while the first still runs is a 409. Keys belong to the caller and are kept 24 hours.";
                case "limit" -> "The most items on the page.";
                case "cursor" -> "Where the page starts: the nextCursor of the previous page, as it came. Opaque.";
                case "Last-Event-ID" -> "The id of the last event received, to replay what was missed after a reconnect.";
                default -> null;
            };
            if (description != null && parameter.getDescription() == null) {
                parameter.setDescription(description);
            }
            if ("If-Match".equals(name)) {
                parameter.setSchema(text(100));
                // required where a 428 is declared, unless the resource says otherwise (an upsert's first write)
                if (parameter.getRequired() == null) {
                    parameter.setRequired(responses.getAPIResponse("428") != null ? Boolean.TRUE : null);
                }
            }
            if ("Idempotency-Key".equals(name)) {
                parameter.setSchema(text(200).minLength(1).pattern("^[\\x21-\\x7E]+$"));
            }
        });
    }

    private static boolean takesIdempotencyKey(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "Idempotency-Key".equals(p.getName()));
    }

    /** What the Idempotency-Key convention adds to a create: 409 and 422, and the replay marker on its success. */
    private static void idempotencyAnswers(APIResponses responses) {
        String inFlight = "A request with this Idempotency-Key is still being processed; retry shortly.";
        APIResponse conflict = responses.getAPIResponse("409");
        if (conflict != null && conflict.getDescription() != null && !conflict.getDescription().contains("Idempotency-Key")) {
            conflict.setDescription(conflict.getDescription() + " Or: " + inFlight);
        }
        problem(responses, "409", inFlight);
        problem(responses, "422", "This Idempotency-Key was used with a different request.");
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2") && (response.getHeaders() == null || !response.getHeaders().containsKey("Idempotent-Replayed"))) {
                response.addHeader("Idempotent-Replayed", OASFactory.createHeader());
            }
        });
    }

    /** The response headers of our conventions, described once. */
    private static void describeHeader(String name, Header header) {
        String description = switch (name) {
            case "ETag" -> "The resource's version. Send it as If-Match to change the resource.";
            case "Location" -> "The URL of what was created.";
            case "Idempotent-Replayed" -> "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.";
            default -> null;
        };
        if (description != null && header.getDescription() == null) {
            header.setDescription(description);
        }
        if (header.getSchema() == null) {
            header.setSchema(switch (name) {
                case "Location" -> text(2048).format("uri-reference");
                case "Idempotent-Replayed" -> OASFactory.createSchema().addType(SchemaType.STRING).addEnumeration("true");
                default -> text(100);
            });
        }
        if ("ETag".equals(name) || "Location".equals(name)) {
            header.setRequired(true);
        }
    }

    /** Quarkus marks operations of @Authenticated/@RolesAllowed resources with a security requirement. */
    private static boolean requiresToken(Operation operation) {
        return operation.getSecurity() != null && !operation.getSecurity().isEmpty();
    }

    private static APIResponse problem(APIResponses responses, String status, String description) {
        APIResponse response = responses.getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse();
            responses.addAPIResponse(status, response);
        }
        if (response.getDescription() == null || response.getDescription().isBlank() || isGeneric(response.getDescription())) {
            response.setDescription(description);
        }
        return response;
    }

    /** The words Quarkus fills in for responses it adds by itself. */
    private static boolean isGeneric(String description) {
        return Set.of("Not Authorized", "Not Allowed", "Bad Request", "OK", "Created", "No Content", "Not Found").contains(description);
    }

    private static void problemContent(APIResponse response) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF + PROBLEM)));
        response.setContent(content);
    }

    private static void rateLimitHeaders(APIResponse response) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey("RateLimit")) {
            response.addHeader("RateLimit", header("What is left of the caller's budget: `\"policy\";r=remaining;t=seconds-to-reset` "
                    + "(IETF RateLimit header fields draft). Sent by the gateway on every answer but health probes.", false, text(120)));
            response.addHeader("RateLimit-Policy", header("The caller's budget: `\"policy\";q=requests;w=window-seconds`.", false, text(120)));
        }

    }

    private static void sortResponses(Operation operation) {
        Map<String, APIResponse> sorted = new TreeMap<>(operation.getResponses().getAPIResponses());
        APIResponses responses = OASFactory.createAPIResponses();
        sorted.forEach(responses::addAPIResponse);
        operation.setResponses(responses);
    }

    static Header header(String description, boolean required) {
        return header(description, required, text(200));
    }

    static Header header(String description, boolean required, Schema schema) {
        return OASFactory.createHeader().description(description).required(required).schema(schema);
    }

    // ---- schemas ----

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .description("An error, as RFC 9457 problem details. `type` is stable per kind of error; a bad request lists "
                        + "each offending input in `errors`.")
                .addType(SchemaType.OBJECT)
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri").maxLength(200)
                        .description("Identifies the kind of problem, such as https://intersession.org/problems/not-found."))
                .addProperty("title", text(100).description("A short summary of the kind of problem."))
                .addProperty("status", integer(400, 599).description("The HTTP status code."))
                .addProperty("detail", text(1000).description("What went wrong with this request, for a person to read."))
                .addProperty("instance", text(2048).description("The path of the request."))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).maxItems(100)
                        .description("The offending inputs of a bad request.")
                        .items(OASFactory.createSchema().ref(REF + FIELD_ERROR)));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One offending input of a bad request.")
                .required(List.of("field", "message"))
                .addProperty("field", text(200).description("A JSON path into the body (`obstacles[0].copingPlan`) or a parameter name."))
                .addProperty("message", text(500).description("What is wrong with it."));
    }

    static Schema text(int maxLength) {
        return OASFactory.createSchema().addType(SchemaType.STRING).maxLength(maxLength);
    }

    static Schema integer(int minimum, int maximum) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                .minimum(java.math.BigDecimal.valueOf(minimum)).maximum(java.math.BigDecimal.valueOf(maximum));
    }

    /** Replaces each reference to a scalar's shared schema with the scalar itself, so it can be nullable where it is. */
    private static void inlineScalars(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> present = new HashSet<>();
        SCALARS.keySet().stream().filter(schemas::containsKey).forEach(present::add);
        if (present.isEmpty()) {
            return;
        }
        Walk.schemas(api, schema -> {
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(REF) && present.contains(ref.substring(REF.length()))) {
                Scalar scalar = SCALARS.get(ref.substring(REF.length()));
                schema.setRef(null);
                schema.addType(SchemaType.STRING).format(scalar.format()).maxLength(scalar.maxLength());
                if ("uuid".equals(scalar.format())) {
                    schema.pattern("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
                }
                if (scalar.example() != null && schema.getExamples() == null) {
                    schema.setExamples(List.of(scalar.example()));
                }
            }
        });
        present.forEach(api.getComponents()::removeSchema);
    }

    /**
     * SmallRye models a nullable property as {@code anyOf: [its schema, {type: null}]}, which OpenAPI 3.0 can only say
     * as {@code nullable: true} on the schema itself: done here for inline schemas and enums (with null among the
     * values, as OpenAPI 3.0.3 asks). A nullable reference to an object stays {@code allOf: [$ref], nullable: true}.
     */
    private static void flattenNullables(OpenAPI api) {
        Map<String, Schema> components = api.getComponents().getSchemas();
        Walk.schemas(api, schema -> {
            List<Schema> alternatives = schema.getAnyOf() != null ? schema.getAnyOf() : schema.getOneOf();
            if (alternatives == null || alternatives.size() != 2) {
                return;
            }
            Schema nullType = alternatives.stream().filter(a -> List.of(SchemaType.NULL).equals(a.getType())).findFirst().orElse(null);
            if (nullType == null) {
                return;
            }
            Schema value = alternatives.get(alternatives.get(0) == nullType ? 1 : 0);
            Schema target = value;
            if (value.getRef() != null) {
                Schema referenced = components == null ? null : components.get(value.getRef().substring(REF.length()));
                if (referenced == null || referenced.getEnumeration() == null) {
                    return; // an object: the 3.0 writer makes it allOf + nullable
                }
                target = referenced;
            }
            schema.setAnyOf(null);
            schema.setOneOf(null);
            schema.setType(new ArrayList<>(target.getType() == null ? List.of() : target.getType()));
            schema.addType(SchemaType.NULL);
            copy(target, schema);
            if (target.getEnumeration() != null) {
                List<Object> values = new ArrayList<>(target.getEnumeration());
                values.add(null);
                schema.setEnumeration(values);
            }
        });
    }

    private static void copy(Schema from, Schema to) {
        if (from.getFormat() != null) {
            to.setFormat(from.getFormat());
        }
        if (from.getMaxLength() != null) {
            to.setMaxLength(from.getMaxLength());
        }
        if (from.getPattern() != null) {
            to.setPattern(from.getPattern());
        }
        if (from.getExamples() != null && to.getExamples() == null) {
            to.setExamples(from.getExamples());
        }
        if (from.getDescription() != null && to.getDescription() == null) {
            to.setDescription(from.getDescription());
        }
    }

    /** A date, time or id written inline (as a list's items) gets the bound its format implies. */
    private static void boundFormattedStrings(OpenAPI api) {
        Walk.schemas(api, schema -> {
            if (schema.getType() != null && schema.getType().contains(SchemaType.STRING) && schema.getMaxLength() == null
                    && schema.getFormat() != null) {
                SCALARS.values().stream().filter(s -> s.format().equals(schema.getFormat())).findFirst()
                        .ifPresent(scalar -> schema.setMaxLength(scalar.maxLength()));
            }
        });
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        // an int32 parameter without a stated maximum can be no larger than an int32
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getParameters() != null) {
                operation.getParameters().stream().map(p -> p.getSchema())
                        .filter(s -> s != null && s.getType() != null && s.getType().contains(SchemaType.INTEGER) && s.getMaximum() == null)
                        .forEach(s -> s.setMaximum(java.math.BigDecimal.valueOf("int64".equals(s.getFormat()) ? Long.MAX_VALUE : Integer.MAX_VALUE)));
            }
        }));
    }

    /**
     * Our JSON writes every property of a response (null where there is no value), so each property of a schema
     * used only in responses is required, and those that can be null are marked nullable in the code.
     */
    private static void requireResponseProperties(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null || api.getPaths() == null) {
            return;
        }
        Set<String> requestSide = new HashSet<>();
        Set<String> responseSide = new HashSet<>();
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().getMediaTypes().values()
                        .forEach(media -> Walk.referenced(media.getSchema(), schemas, requestSide));
            }
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(p -> Walk.referenced(p.getSchema(), schemas, requestSide));
            }
            if (operation.getResponses() != null) {
                operation.getResponses().getAPIResponses().values().stream()
                        .filter(r -> r.getContent() != null)
                        .forEach(r -> r.getContent().getMediaTypes().values()
                                .forEach(media -> Walk.referenced(media.getSchema(), schemas, responseSide)));
            }
        }));
        // what a caller sends: an optional property may be given as null, which reads as not given
        for (String name : requestSide) {
            Schema schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            schema.getProperties().forEach((property, value) -> {
                Schema referenced = value.getRef() == null ? null : schemas.get(value.getRef().substring(REF.length()));
                if (!required.contains(property) && referenced != null && referenced.getEnumeration() != null) {
                    value.setRef(null);
                    value.setType(new ArrayList<>(referenced.getType()));
                    copy(referenced, value);
                    value.setEnumeration(new ArrayList<>(referenced.getEnumeration()));
                }
                if (!required.contains(property) && value.getRef() == null && value.getType() != null
                        && !value.getType().contains(SchemaType.NULL)) {
                    value.addType(SchemaType.NULL);
                    if (value.getEnumeration() != null && !value.getEnumeration().contains(null)) {
                        value.addEnumeration(null);
                    }
                }
            });
        }
        responseSide.removeAll(requestSide);
        responseSide.remove(PROBLEM);
        responseSide.remove(FIELD_ERROR);
        for (String name : responseSide) {
            Schema schema = schemas.get(name);
            if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
                continue;
            }
            List<String> required = new ArrayList<>();
            schema.getProperties().forEach((property, value) -> {
                if (!Walk.nullable(value)) {
                    required.add(property);
                }
            });
            schema.setRequired(required.isEmpty() ? null : required);
        }
    }
}
