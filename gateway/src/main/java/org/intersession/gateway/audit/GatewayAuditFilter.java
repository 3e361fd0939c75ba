package org.intersession.gateway.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.problem.ProblemResponses;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Audits the gateway's own client-data endpoints (users and their client profiles, care teams), and keeps the
 * services' {@link AuditSubject#HEADER} from ever reaching the public, whichever route answered. A create, update
 * or delete runs only once its intent is committed (see {@link AuditTrail#intend}).
 */
public class GatewayAuditFilter {

    private static final Logger LOG = Logger.getLogger(GatewayAuditFilter.class);

    private final AuditTrail trail;
    private final AuditSubject subject;
    private final CurrentVertxRequest current;

    GatewayAuditFilter(AuditTrail trail, AuditSubject subject, CurrentVertxRequest current) {
        this.trail = trail;
        this.subject = subject;
        this.current = current;
    }

    void register(@Observes Router router) {
        router.route().order(-290).handler(ctx -> {
            ctx.addHeadersEndHandler(end -> ctx.response().headers().remove(AuditSubject.HEADER));
            ctx.next();
        });
    }

    /** A refusal for a missing or bad token comes before the endpoint could run, so it needs no intent. */
    @ServerRequestFilter
    public Uni<Response> intend(ContainerRequestContext request) {
        RoutingContext ctx = current.getCurrent();
        SecurityIdentity caller = ctx == null ? null : AuditTrail.verifiedCaller(ctx);
        if (caller == null || caller.isAnonymous() || !AuditTrail.isMutating(request.getMethod())
                || !AuditedRoute.isGatewayClientData(ctx.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        return trail.intend(ctx, caller).replaceWith((Response) null).onFailure().recoverWithItem(failure -> {
            LOG.errorf("audit intent not written, answering 503 without running the endpoint: %s", failure.toString());
            return Response.fromResponse(ProblemResponses.of(AuditTrail.unavailable(ctx.normalizedPath())))
                    .header("Retry-After", "5").build();
        });
    }

    @ServerResponseFilter
    public void audit(ContainerResponseContext response) {
        RoutingContext ctx = current.getCurrent();
        if (ctx == null || !AuditedRoute.isGatewayClientData(ctx.normalizedPath()) || AuditTrail.intentRefused(ctx)) {
            return;
        }
        String client = subject.clientId().map(Object::toString).orElse(null);
        SecurityIdentity caller = AuditTrail.verifiedCaller(ctx);
        if (Context.isOnEventLoopThread()) {
            // Only a refusal before the endpoint ran (a bad or missing token) is answered on the I/O thread. It holds
            // no client data, so its record is written alongside rather than stalling the event loop for it.
            trail.record(ctx, caller, response.getStatus(), client).subscribe().with(written -> { },
                    failure -> LOG.errorf("audit record of a refusal not written: %s", failure.toString()));
            if (response.getStatus() < 400) {
                // a non-blocking endpoint answering data here would bypass the rule above: refuse rather than leak
                LOG.errorf("%s answered data on the I/O thread, before its audit record; answering 503", ctx.normalizedPath());
                unaudited(response, ctx.normalizedPath());
            }
            return;
        }
        try {
            trail.recordNow(ctx, caller, response.getStatus(), client);
        } catch (RuntimeException failure) {
            if (AuditTrail.intended(ctx)) {
                // the endpoint ran and its change stands; a 503 would invite a second one. The intent is swept instead.
                LOG.errorf("audit record not written; its intent stays for the sweeper, the answer goes out: %s", failure.toString());
                return;
            }
            LOG.errorf("audit record not written, answering 503: %s", failure.toString());
            unaudited(response, ctx.normalizedPath());
        }
    }

    static void unaudited(ContainerResponseContext response, String path) {
        response.getHeaders().remove(HttpHeaders.LOCATION);
        response.getHeaders().remove(HttpHeaders.ETAG);
        response.getHeaders().putSingle("Retry-After", "5");
        response.setStatus(503);
        response.setEntity(AuditTrail.unavailable(path), null, MediaType.valueOf(Problem.MEDIA_TYPE));
    }
}
