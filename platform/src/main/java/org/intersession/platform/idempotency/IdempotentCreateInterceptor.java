package org.intersession.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.CanonicalJson;

import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The IETF Idempotency-Key draft on every create ({@link IdempotentCreate}). A key belongs to its caller (clinic and
 * token subject). The first request with a key claims it, then runs in one transaction with its stored answer; a retry
 * with the same method, path and body (compared as canonical JSON, so member order and 5 vs 5.0 do not matter) gets the
 * stored status, Location, ETag and body again, marked {@code Idempotent-Replayed: true}; the same key for another
 * request is a 422; a retry while the first still runs waits for it, then gets its answer, or a 409 past the wait. An
 * error answer is not kept: the key is free again for a corrected retry. Keys are kept for
 * {@link IdempotencyConfig#retention()}.
 */
@IdempotentCreate
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) // outside @Transactional (PLATFORM_BEFORE + 200): it opens the create's transaction
public class IdempotentCreateInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** Visible ASCII, as the draft's examples; 200 is room for a UUID with any prefix an app adds. */
    static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final CurrentVertxRequest request;
    private final CurrentCaller caller;
    private final JsonWebToken jwt;
    private final IdempotentRequests requests;
    private final ObjectMapper mapper;

    IdempotentCreateInterceptor(CurrentVertxRequest request, CurrentCaller caller, JsonWebToken jwt, IdempotentRequests requests,
                                ObjectMapper mapper) {
        this.request = request;
        this.caller = caller;
        this.jwt = jwt;
        this.requests = requests;
        this.mapper = mapper;
    }

    @AroundInvoke
    Object around(InvocationContext invocation) throws Exception {
        RoutingContext http = request.getCurrent();
        String key = http == null ? null : http.request().getHeader(HEADER);
        if (key == null) {
            return invocation.proceed();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw ApiProblemException.invalidField(HEADER, "1 to 200 visible ASCII characters, such as a UUID");
        }
        UUID clinic = caller.tenant().orElseThrow(() -> new ApiProblemException(401, "A valid bearer token is required"));
        String subject = jwt.getSubject();
        Optional<IdempotentRequest> earlier = requests.claim(clinic, subject, key,
                hash(http.request().method().name(), http.normalizedPath(), invocation));
        if (earlier.isPresent()) {
            return answerAgain(earlier.get());
        }
        boolean replay = replayAllowed(invocation);
        boolean kept = false;
        try {
            Created created = QuarkusTransaction.requiringNew().call(() -> {
                Object result = invocation.proceed();
                Response response = result instanceof Response r ? r : null;
                int status = response == null ? 200 : response.getStatus();
                if (status >= 300) {
                    return new Created(result, false);
                }
                Object entity = response == null ? result : response.getEntity();
                requests.complete(clinic, subject, key, status,
                        response == null || response.getLocation() == null ? null : response.getLocation().toString(),
                        response == null ? null : etag(response),
                        replay && entity != null ? mapper.writeValueAsString(entity) : null);
                return new Created(result, true);
            });
            kept = created.kept();
            return created.result();
        } catch (QuarkusTransactionException e) {
            // the transaction wraps what the create threw; the problem mappers answer the cause
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            if (!kept) {
                requests.release(clinic, subject, key);
            }
        }
    }

    private record Created(Object result, boolean kept) {
    }

    static Response answerAgain(IdempotentRequest earlier) {
        if (earlier.responseBody == null && earlier.responseStatus != null && earlier.responseStatus != 204) {
            throw new ApiProblemException(409, "The request with this Idempotency-Key was done"
                    + (earlier.responseLocation == null ? "" : " and created " + earlier.responseLocation)
                    + "; its answer held a secret shown only once, so it is not answered again");
        }
        Response.ResponseBuilder again = Response.status(earlier.responseStatus).header(REPLAYED, "true");
        if (earlier.responseLocation != null) {
            again.header(HttpHeaders.LOCATION, earlier.responseLocation);
        }
        if (earlier.responseEtag != null) {
            again.header(HttpHeaders.ETAG, earlier.responseEtag);
        }
        if (earlier.responseBody != null) {
            again.entity(earlier.responseBody).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return again.build();
    }

    private static String etag(Response response) {
        EntityTag tag = response.getEntityTag();
        return tag == null ? null : (tag.isWeak() ? "W/" : "") + "\"" + tag.getValue() + "\"";
    }

    private static boolean replayAllowed(InvocationContext invocation) {
        IdempotentCreate on = invocation.getMethod().getAnnotation(IdempotentCreate.class);
        if (on == null) {
            on = invocation.getMethod().getDeclaringClass().getAnnotation(IdempotentCreate.class);
        }
        return on == null || on.replay();
    }

    private String hash(String method, String path, InvocationContext invocation) {
        List<Object> bodies = new ArrayList<>();
        Parameter[] parameters = invocation.getMethod().getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (isBody(parameters[i])) {
                bodies.add(invocation.getParameters()[i]);
            }
        }
        return hash(mapper, method, path, bodies);
    }

    /**
     * SHA-256 of the method, the path and the canonical JSON of the body as read: the request by value. Parameters
     * bound from the path, query or headers are in the path or are not the request's content.
     */
    static String hash(ObjectMapper mapper, String method, String path, List<Object> bodies) {
        ArrayNode body = mapper.createArrayNode();
        bodies.forEach(b -> body.add(mapper.valueToTree(b)));
        String canonical = method + " " + path + "\n" + CanonicalJson.write(body);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isBody(Parameter parameter) {
        Class<?> type = parameter.getType();
        if (type == UriInfo.class || type == HttpHeaders.class || type == SecurityContext.class || type == Request.class
                || type.getName().startsWith("io.vertx.")) {
            return false;
        }
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.annotationType().getPackageName().equals("jakarta.ws.rs")
                    || annotation.annotationType().getPackageName().equals("org.jboss.resteasy.reactive")) {
                return false;
            }
        }
        return true;
    }
}
