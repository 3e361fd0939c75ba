package org.intersession.gateway.edge;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.intersession.platform.problem.Problem;

import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * The first handler of every request at the gateway but health probes: declared body size, then rate limits. Limits are keyed by the
 * verified principal (a forged token cannot spend someone else's budget), or by address when there is none, and
 * the authentication endpoints get a stricter per-address budget. Answers follow the IETF RateLimit header draft.
 */
@ApplicationScoped
public class EdgeProtection {

    private static final BiConsumer<RoutingContext, Throwable> LEAVE_TO_THE_ROUTE = (ctx, failure) -> { };

    private final EdgeConfig config;
    private final FixedWindowLimiter limiter = new FixedWindowLimiter(Clock.systemUTC());

    EdgeProtection(EdgeConfig config) {
        this.config = config;
    }

    /** Every route, the API document and the key set included; only health probes (load balancers) go free. */
    void register(@Observes Router router) {
        router.route().order(-100).handler(this::protect);
    }

    private void protect(RoutingContext ctx) {
        if (ctx.normalizedPath().startsWith("/q/health")) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        if (tooLarge(ctx, request)) {
            return;
        }
        String ip = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (!ctx.normalizedPath().startsWith("/api/")) {
            limit(ctx, "public:" + ip, "public", config.publicRequestsPerMinute());
            return;
        }
        if (ctx.normalizedPath().startsWith("/api/v1/auth/")) {
            limit(ctx, "auth:" + ip, "auth", config.authRequestsPerMinute());
            return;
        }
        if (request.getHeader("Authorization") == null) {
            limit(ctx, "anonymous:" + ip, "anonymous", config.anonymousRequestsPerMinute());
            return;
        }
        request.pause();
        // Quarkus's default on a failed verification is to answer the 401 itself, at once; then neither this budget
        // nor the audit trail would see the request. The routes behind answer it instead, as problem+json.
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, LEAVE_TO_THE_ROUTE);
        QuarkusHttpUser.getSecurityIdentity(ctx, null).subscribe().with(
                identity -> {
                    request.resume();
                    limit(ctx, principalKey(identity, ip), principalPolicy(identity), budget(identity));
                },
                failure -> {
                    // the request fails authentication later anyway; until then it counts against its address
                    request.resume();
                    limit(ctx, "anonymous:" + ip, "anonymous", config.anonymousRequestsPerMinute());
                });
    }

    private boolean tooLarge(RoutingContext ctx, HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                bytes = Long.MAX_VALUE;
            }
            if (bytes > config.maxBodyBytes()) {
                problem(ctx, 413, "Content Too Large", "Request bodies are limited to " + config.maxBodyBytes() + " bytes");
                return true;
            }
            return false;
        }
        // a body of unknown length (chunked, HTTP/2) is counted as it flows: the proxy stops it past the limit,
        // and the gateway's own endpoints are bound by quarkus.http.limits.max-body-size
        return false;
    }

    private void limit(RoutingContext ctx, String key, String policy, int budget) {
        FixedWindowLimiter.Decision decision = limiter.acquire(key, budget);
        ctx.response().putHeader("RateLimit-Policy", "\"" + policy + "\";q=" + budget + ";w=" + FixedWindowLimiter.WINDOW_SECONDS);
        ctx.response().putHeader("RateLimit", "\"" + policy + "\";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
        if (decision.allowed()) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Retry-After", String.valueOf(decision.resetSeconds()));
        problem(ctx, 429, "Too Many Requests", "Rate limit of " + budget + " requests per minute reached");
    }

    private int budget(SecurityIdentity identity) {
        return identity.isAnonymous() ? config.anonymousRequestsPerMinute() : config.requestsPerMinute();
    }

    private static String principalPolicy(SecurityIdentity identity) {
        return identity.isAnonymous() ? "anonymous" : "principal";
    }

    private static String principalKey(SecurityIdentity identity, String ip) {
        return identity.isAnonymous() ? "anonymous:" + ip : "principal:" + identity.getPrincipal().getName();
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(Json.encode(Problem.of(status, title, detail, ctx.normalizedPath())));
    }
}
