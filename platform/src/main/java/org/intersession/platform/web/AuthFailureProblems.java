package org.intersession.platform.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import org.intersession.platform.problem.Problem;

/**
 * Authentication and authorization failures raised by HTTP path policies (before any JAX-RS resource runs,
 * as on the gateway's proxied routes) answer problem details too, not an empty challenge.
 */
public class AuthFailureProblems {

    void register(@Observes Router router) {
        router.route().order(-1000).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            end(ctx, 401, "Unauthorized", "A valid bearer token is required");
        } else if (failure instanceof ForbiddenException) {
            end(ctx, 403, "Forbidden", "Your role may not perform this operation");
        } else {
            ctx.next();
        }
    }

    private static void end(RoutingContext ctx, int status, String title, String detail) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(status, title, detail, ctx.normalizedPath())));
    }
}
