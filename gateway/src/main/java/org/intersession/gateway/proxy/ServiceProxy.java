package org.intersession.gateway.proxy;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.intersession.gateway.GatewayConfig;
import org.intersession.gateway.audit.AuditTrail;
import org.intersession.gateway.edge.EdgeConfig;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.web.RequestIds;
import org.intersession.platform.web.StreamedBodies;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Set;

/**
 * Forwards the routes of {@link RouteTable} to their services, streaming bodies both ways. The routes sit on
 * Quarkus's own router and resolve the caller through Quarkus security (SmallRye JWT), so a request is forwarded
 * only with a valid token; the Authorization header goes along, and each service verifies the token again.
 * Every answer, refusals included, is sent only after its audit record is written; a create, update or delete is
 * forwarded only after its audit intent is (see {@link AuditTrail#intend}).
 */
@ApplicationScoped
public class ServiceProxy implements StreamedBodies {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);
    private static final String REQUEST_ID = RequestIds.HEADER;
    /** RFC 9110 §7.6.1: connection-specific headers are not forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final GatewayConfig config;
    private final EdgeConfig edge;
    private final UpstreamPool instances;
    private final AuditTrail audit;
    private HttpClient client;

    ServiceProxy(GatewayConfig config, EdgeConfig edge, UpstreamPool instances, AuditTrail audit) {
        this.config = config;
        this.edge = edge;
        this.instances = instances;
        this.audit = audit;
    }

    void register(@Observes Router router, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(200)
                .setKeepAlive(true)
                .setConnectTimeout(5_000));
        for (RouteTable.Route route : RouteTable.ROUTES) {
            router.routeWithRegex(route.path().pattern()).handler(ctx -> authenticateThenForward(ctx, route.upstream()));
        }
    }

    /** A forwarded body flows through as it arrives, counted by {@link LimitedBody}; it is never read whole here. */
    @Override
    public boolean streams(String path) {
        return RouteTable.upstreamFor(path).isPresent();
    }

    /** The token is verified here, before anything reaches a service; a missing or bad one is a 401 problem. */
    private void authenticateThenForward(RoutingContext ctx, Upstream upstream) {
        ctx.request().pause();
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> {
                    if (identity.isAnonymous() || !belongsToAClinic(identity)) {
                        unauthenticated(ctx, identity.isAnonymous() ? null : identity);
                    } else if (AuditTrail.isMutating(ctx.request().method().name())) {
                        intendThenForward(ctx, identity, upstream);
                    } else {
                        forward(ctx, identity, upstream, instances.size(upstream));
                    }
                },
                failure -> unauthenticated(ctx, null));
    }

    /** Nothing reaches the service unless the intent is committed; without it the caller gets the audit trail's 503. */
    private void intendThenForward(RoutingContext ctx, SecurityIdentity identity, Upstream upstream) {
        Context context = ctx.vertx().getOrCreateContext();
        audit.intend(ctx, identity).subscribe().with(
                written -> context.runOnContext(v -> forward(ctx, identity, upstream, instances.size(upstream))),
                failure -> context.runOnContext(v -> {
                    ctx.request().resume();
                    auditFailed(ctx, failure);
                }));
    }

    /** Every service's data belongs to a clinic; a token without one (the operator's) has nothing to ask them. */
    private static boolean belongsToAClinic(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt && jwt.getClaim("clinic") != null;
    }

    private void unauthenticated(RoutingContext ctx, SecurityIdentity identity) {
        ctx.request().resume();
        afterAudit(ctx, identity, 401, null, () -> ctx.response().setStatusCode(401)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Bearer")
                .end(Json.encode(Problem.of(401, "Unauthorized", "A valid bearer token is required", ctx.normalizedPath()))),
                () -> { });
    }

    /**
     * Answers once the audit record is written; if it cannot be, the caller gets a 503 and no data (fail closed).
     * Except after a committed intent: the request was forwarded and its change may stand, so the real answer goes
     * out rather than a 503 inviting a duplicate, and the sweeper records the intent.
     */
    private void afterAudit(RoutingContext ctx, SecurityIdentity identity, int status, String declaredClient,
                            Runnable answer, Runnable abandon) {
        Context context = ctx.vertx().getOrCreateContext();
        audit.record(ctx, identity, status, declaredClient).subscribe().with(
                written -> context.runOnContext(v -> answer.run()),
                failure -> context.runOnContext(v -> {
                    if (AuditTrail.intended(ctx)) {
                        LOG.errorf("request %s: audit record not written; its intent stays for the sweeper, the answer goes out: %s",
                                ctx.request().getHeader(REQUEST_ID), failure.toString());
                        answer.run();
                        return;
                    }
                    abandon.run();
                    auditFailed(ctx, failure);
                }));
    }

    private static void auditFailed(RoutingContext ctx, Throwable failure) {
        LOG.errorf("request %s: audit trail not written, answering 503: %s", ctx.request().getHeader(REQUEST_ID), failure.toString());
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(503)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(REQUEST_ID, ctx.request().getHeader(REQUEST_ID))
                .putHeader("Retry-After", "5")
                .end(Json.encode(AuditTrail.unavailable(ctx.normalizedPath())));
    }

    /** Nothing has been sent while the connection fails, so any method may go to the next instance. */
    private void forward(RoutingContext ctx, SecurityIdentity identity, Upstream upstream, int instancesLeft) {
        HttpServerRequest in = ctx.request();
        String requestId = in.getHeader(REQUEST_ID);
        String instance = instances.next(upstream);
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setAbsoluteURI(instance + in.uri())
                .setIdleTimeout(config.upstreamTimeout().toMillis());
        client.request(options).onComplete(connected -> {
            if (connected.failed() && instancesLeft > 1) {
                forward(ctx, identity, upstream, instancesLeft - 1);
                return;
            }
            if (connected.failed()) {
                in.resume();
                unavailable(ctx, identity, upstream, requestId, connected.cause());
                return;
            }
            HttpClientRequest out = connected.result();
            copyHeaders(in.headers(), out.headers());
            out.putHeader(REQUEST_ID, requestId);
            out.putHeader("X-Forwarded-For", forwardedFor(in));
            out.putHeader("X-Forwarded-Proto", in.scheme());
            LimitedBody body = new LimitedBody(in, edge.maxBodyBytes(), () -> out.reset());
            Future<HttpClientResponse> sent;
            if (carriesBody(in)) {
                sent = out.send(body);
            } else {
                in.resume();
                sent = out.send();
            }
            sent.onComplete(answered -> {
                if (body.exceeded()) {
                    tooLarge(ctx, identity, requestId);
                    return;
                }
                if (answered.failed()) {
                    unavailable(ctx, identity, upstream, requestId, answered.cause());
                    return;
                }
                relay(ctx, identity, answered.result(), requestId, instance);
            });
        });
    }

    /**
     * The service names the client concerned in a header that is read for the audit record and never passed on.
     * The service owns the headers of its answer: each replaces the gateway's own header of that name (such as
     * Cache-Control), so none is sent twice, and a Location pointing into the service points at the gateway instead.
     */
    private void relay(RoutingContext ctx, SecurityIdentity identity, HttpClientResponse upstream, String requestId, String instance) {
        upstream.pause();
        afterAudit(ctx, identity, upstream.statusCode(), upstream.getHeader(AuditSubject.HEADER), () -> {
            HttpServerResponse response = ctx.response();
            response.setStatusCode(upstream.statusCode());
            upstream.headers().names().stream()
                    .filter(name -> !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)))
                    .forEach(name -> response.headers().set(name, upstream.headers().getAll(name)));
            response.headers().remove(AuditSubject.HEADER);
            String location = upstream.getHeader("Location");
            if (location != null && location.startsWith(instance + "/") && ctx.request().host() != null) {
                response.headers().set("Location", ctx.request().scheme() + "://" + ctx.request().host() + location.substring(instance.length()));
            }
            response.putHeader(REQUEST_ID, requestId);
            if (!upstream.headers().contains("Content-Length")) {
                response.setChunked(true);
            }
            upstream.pipeTo(response);
        }, () -> upstream.request().reset());
    }

    private void tooLarge(RoutingContext ctx, SecurityIdentity identity, String requestId) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        afterAudit(ctx, identity, 413, null, () -> ctx.response().setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(REQUEST_ID, requestId)
                .putHeader("Connection", "close")
                .end(Json.encode(Problem.of(413, "Content Too Large",
                        "Request bodies are limited to " + edge.maxBodyBytes() + " bytes", ctx.normalizedPath()))), () -> { });
    }

    private void unavailable(RoutingContext ctx, SecurityIdentity identity, Upstream upstream, String requestId, Throwable cause) {
        LOG.warnf("request %s to %s failed: %s", requestId, upstream, cause.toString());
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        boolean timedOut = cause instanceof java.util.concurrent.TimeoutException
                || String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("timeout");
        int status = timedOut ? 504 : 503;
        String title = timedOut ? "Gateway Timeout" : "Service Unavailable";
        afterAudit(ctx, identity, status, null, () -> ctx.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(REQUEST_ID, requestId)
                .putHeader("Retry-After", "5")
                .end(Json.encode(Problem.of(status, title, "The " + upstream.name().toLowerCase(Locale.ROOT)
                        + " service did not answer; try again shortly", ctx.normalizedPath()))), () -> { });
    }

    /** Onto the fresh request to the service: nothing is there yet, so every header of the caller's goes along as sent. */
    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    /**
     * Whether the caller sent a body. One that sent none is forwarded without one: a body streamed on would go out
     * chunked, and a chunked body without Content-Type is a 415 at the service ({@code RequestLimits}). A declared
     * length decides; without one, HTTP/1 has a body only when chunked, while HTTP/2 (a client may upgrade to it)
     * needs no declared length, so there only a GET, HEAD or OPTIONS is taken to have none.
     */
    private static boolean carriesBody(HttpServerRequest in) {
        String length = in.getHeader("Content-Length");
        if (length != null) {
            return !"0".equals(length.trim());
        }
        if (in.version() == HttpVersion.HTTP_1_1 || in.version() == HttpVersion.HTTP_1_0) {
            return in.headers().contains("Transfer-Encoding");
        }
        return !Set.of("GET", "HEAD", "OPTIONS").contains(in.method().name());
    }

    private static String forwardedFor(HttpServerRequest in) {
        String prior = in.getHeader("X-Forwarded-For");
        String remote = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
        return prior == null ? remote : prior + ", " + remote;
    }
}
