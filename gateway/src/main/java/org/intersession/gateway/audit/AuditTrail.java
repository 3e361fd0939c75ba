package org.intersession.gateway.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.web.RequestIds;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Writes the audit record of a request on client data, before its answer leaves the gateway. Callers send the
 * answer only once the returned Uni completes, and answer 503 when it fails: no client data goes out unaudited.
 * <p>
 * A create, update or delete is also announced before it goes on ({@link #intend}): its intent is committed first, so
 * that a change made by a service is never left without a record. Its record then settles the intent; if that
 * fails, the change stands and the caller gets its real answer, and {@link AuditIntentSweeper} records it later.
 */
@ApplicationScoped
public class AuditTrail {

    static final String API_CLIENT = "API_CLIENT";
    private static final String INTENT = AuditTrail.class.getName() + ".intent";
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_REQUEST_ID = 128;
    private static final int MAX_ROLE = 40;

    private final SourceAddress sources;
    private final AuditWriter writer;
    private final Duration writeTimeout;

    AuditTrail(AuditConfig config, AuditWriter writer) {
        this.sources = new SourceAddress(config.trustedProxies().orElse(List.of()));
        this.writer = writer;
        this.writeTimeout = config.writer().writeTimeout();
    }

    /**
     * @param identity       the caller as already verified for this request, or null when there is none
     * @param status         the status the caller is about to receive
     * @param declaredClient the client the service said the request concerned (Intersession-Audit-Client), or null
     */
    public Uni<Void> record(RoutingContext ctx, SecurityIdentity identity, int status, String declaredClient) {
        AuditEvent event = describe(ctx, identity, status, declaredClient);
        return committed(() -> recordOrSettle(ctx, event));
    }

    /** The same, waiting on this (worker) thread; throws if the record cannot be written. */
    public void recordNow(RoutingContext ctx, SecurityIdentity identity, int status, String declaredClient) {
        try {
            recordOrSettle(ctx, describe(ctx, identity, status, declaredClient)).toCompletableFuture()
                    .get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the audit record was written", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("audit record not written", e);
        }
    }

    /** Requests that may change client data; GET and HEAD only read, and write no intent. */
    public static boolean isMutating(String method) {
        return MUTATING.contains(method);
    }

    /**
     * Commits the intent of a create, update or delete before it is forwarded or its endpoint runs. If the returned
     * Uni fails, the request must not go on: answer {@link #unavailable} as for a record that cannot be written.
     */
    public Uni<Void> intend(RoutingContext ctx, SecurityIdentity identity) {
        Intent intent = new Intent(describe(ctx, identity, 0, null));
        ctx.put(INTENT, intent);
        return committed(() -> writer.intend(intent.event)).invoke(() -> intent.committed = true);
    }

    /**
     * Whether this request's intent is committed: the request went on, so if its record cannot be written the change
     * may already stand, and the caller gets the real answer (the sweeper records it) rather than a 503 to retry on.
     */
    public static boolean intended(RoutingContext ctx) {
        return ctx.get(INTENT) instanceof Intent intent && intent.committed;
    }

    /** Whether this request was stopped because its intent could not be written: it went no further, and has no record. */
    public static boolean intentRefused(RoutingContext ctx) {
        return ctx.get(INTENT) instanceof Intent intent && !intent.committed;
    }

    /** A committed intent's record takes its id and time, and deletes it in the same transaction. */
    private CompletionStage<Void> recordOrSettle(RoutingContext ctx, AuditEvent event) {
        if (ctx.get(INTENT) instanceof Intent intent && intent.committed) {
            event.id = intent.event.id;
            event.occurredAt = intent.event.occurredAt;
            return writer.settle(event);
        }
        return writer.append(event);
    }

    /** Completes once the write is committed; fails if it is refused or takes longer than the write timeout. */
    private Uni<Void> committed(Supplier<CompletionStage<Void>> write) {
        return Uni.createFrom().completionStage(write)
                .ifNoItem().after(writeTimeout).fail()
                .replaceWithVoid();
    }

    /** Set on the request's own thread; marked committed from the writer's once its transaction is. */
    private static final class Intent {
        final AuditEvent event;
        volatile boolean committed;

        Intent(AuditEvent event) {
            this.event = event;
        }
    }

    /** The caller Quarkus security verified for this request; resolving it again here would re-run a failed login. */
    public static SecurityIdentity verifiedCaller(RoutingContext ctx) {
        return ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
    }

    AuditEvent describe(RoutingContext ctx, SecurityIdentity identity, int status, String declaredClient) {
        HttpServerRequest request = ctx.request();
        AuditedRoute route = AuditedRoute.of(request.method().name(), ctx.normalizedPath());
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        // PostgreSQL keeps microseconds; the row must sort exactly as the cursor built from it says
        event.occurredAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        if (identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt) {
            event.actorId = AuditedRoute.uuid(jwt.getSubject()).orElse(null);
            Object clinic = jwt.getClaim("clinic");
            event.clinicId = clinic == null ? null : AuditedRoute.uuid(clinic.toString().replace("\"", "")).orElse(null);
            event.actorRole = role(jwt);
        }
        event.action = route.action();
        event.resourceType = route.resourceType();
        event.resource = route.resource();
        event.httpMethod = request.method().name();
        event.status = status;
        event.outcome = AuditOutcome.of(status);
        event.clientId = AuditedRoute.uuid(declaredClient)
                .or(() -> java.util.Optional.ofNullable(route.clientInPath()))
                .or(() -> AuditedRoute.uuid(request.getParam("clientId")))
                .orElse("CLIENT".equals(event.actorRole) ? event.actorId : null);
        String requestId = request.getHeader(RequestIds.HEADER);
        event.requestId = requestId == null ? "none" : requestId.substring(0, Math.min(requestId.length(), MAX_REQUEST_ID));
        event.sourceIp = sources.of(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader("X-Forwarded-For"));
        return event;
    }

    /** What the caller receives instead of an answer whose audit record could not be written. */
    public static Problem unavailable(String path) {
        return Problem.of(503, "Service Unavailable", "The request could not be recorded in the audit trail; try again shortly", path);
    }

    private static String role(JsonWebToken jwt) {
        Set<String> groups = jwt.getGroups();
        if (groups != null && !groups.isEmpty()) {
            String first = groups.stream().sorted().findFirst().orElseThrow();
            return first.length() <= MAX_ROLE ? first : first.substring(0, MAX_ROLE);
        }
        return jwt.getClaim("scope") != null ? API_CLIENT : null;
    }
}
