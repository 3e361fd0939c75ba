package org.intersession.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every error a service answers is application/problem+json (RFC 9457). Resources throw; this class alone
 * writes error responses. A 500 never carries a stack trace or exception text.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** About as long as a database restart or failover takes; clients should not hammer a recovering service. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response apiProblem(ApiProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.fromResponse(ProblemResponses.of(
                Problem.of(e.status(), ProblemResponses.reason(e.status()), e.getMessage(), path(uri)).withErrors(e.fieldErrors())));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        // the JSON reader wraps what it cannot parse or bind in a plain 400; the cause says which property
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        return ProblemResponses.of(Problem.of(status, ProblemResponses.reason(status), e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return ProblemResponses.of(Problem.of(400, "Bad Request", "Invalid value for: " + fields, path(uri)).withErrors(errors));
    }

    /**
     * Listed one by one because Quarkus ships its own mappers for these subtypes, and the closest type wins. A body
     * is refused whole, naming the property that could not be read as sent (StrictJson: no value is converted).
     */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, UnrecognizedPropertyException.class,
            InvalidFormatException.class, InvalidDefinitionException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidDefinitionException) {
            return internalError(e, uri); // a type the mapper cannot build is our bug, whatever the caller sent
        }
        // a parser's own error (a property twice, a number out of range) is wrapped with the path of the record being
        // read when it happens; the parser knows the path down to the property itself
        JsonProcessingException origin = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException read) {
                origin = read;
            }
        }
        String field = origin instanceof StreamReadException ? parserPath(origin) : "";
        if (field.isEmpty() && e instanceof JsonMappingException mapping) {
            field = jsonPath(mapping);
        }
        String detail = e instanceof UnrecognizedPropertyException ? "Unknown property"
                : isDuplicate(origin) ? "Duplicate property" : "Malformed or mistyped JSON";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of()
                : List.of(new Problem.FieldError(field, fieldMessage(isDuplicate(origin) ? origin : e)));
        return ProblemResponses.of(Problem.of(400, "Bad Request",
                field.isEmpty() ? detail : detail + ": " + field, path(uri)).withErrors(errors));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(ProblemResponses.of(Problem.of(401, "Unauthorized",
                        "A valid bearer token is required", path(uri))))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(Problem.of(403, "Forbidden", "Your role may not perform this operation", path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseUnavailable.causedBy(e)) {
            return databaseUnavailable(e, uri);
        }
        if (changedConcurrently(e)) {
            // the If-Match check passed, but another change committed before this one: stale all the same
            return apiProblem(org.intersession.platform.web.ETags.stale("resource"), uri);
        }
        return internalError(e, uri);
    }

    /** A row's {@code @Version} moved between this transaction's read and its write (optimistic locking). */
    static boolean changedConcurrently(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.persistence.OptimisticLockException || cause instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** The database is away (down, restarting, pool exhausted): a temporary condition the client may retry. */
    private Response databaseUnavailable(Exception e, UriInfo uri) {
        LOG.warnf("database unavailable on %s: %s", path(uri), e.getMessage());
        return Response.fromResponse(ProblemResponses.of(Problem.of(503, "Service Unavailable",
                        "The service cannot reach its database just now. Retry shortly.", path(uri))))
                .header("Retry-After", String.valueOf(DATABASE_RETRY_AFTER_SECONDS))
                .build();
    }

    private Response internalError(Exception e, UriInfo uri) {
        LOG.error("unhandled error on " + path(uri), e);
        return ProblemResponses.of(Problem.of(500, "Internal Server Error",
                "The request could not be completed. It has been logged.", path(uri)));
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** "create.request.title" from a method-parameter violation becomes "title"; "list.limit" becomes "limit". */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        String parameter = "";
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    if (node.isInIterable() && !parts.isEmpty()) {
                        String key = node.getIndex() != null ? String.valueOf(node.getIndex()) : String.valueOf(node.getKey());
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + key + "]");
                    }
                    if (node.getName() != null) {
                        parts.add(node.getName());
                    }
                }
            }
        }
        return parts.isEmpty() ? parameter : String.join(".", parts);
    }

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Byte.class, byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(Double.class, double.class, Float.class, float.class, BigDecimal.class);

    /** What the property needs, told by the type it is read into; Jackson's own message names Java types. */
    private static String fieldMessage(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a property of this request";
        }
        if (isDuplicate(e)) {
            return "appears more than once";
        }
        if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            return "is out of range for this property";
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null) {
            return "is malformed";
        }
        if (WHOLE_NUMBERS.contains(target)) {
            return "must be a whole number, written without a fraction or exponent";
        }
        if (NUMBERS.contains(target)) {
            return "must be a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target.isEnum()) {
            return "must be one of the documented values";
        }
        if (Temporal.class.isAssignableFrom(target)) {
            return "must be a string in the documented date or time format";
        }
        return "has the wrong type";
    }

    private static boolean isDuplicate(JsonProcessingException e) {
        return e instanceof StreamReadException && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
    }

    /** Where the parser stopped, for an error it found before any property was bound: "answers.mood", "items[2].id". */
    private static String parserPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.add(0, context.getCurrentName());
            } else if (context.inArray()) {
                parts.add(0, "[" + Math.max(0, context.getCurrentIndex()) + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
