package org.intersession.platform.web;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.event.Observes;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.problem.ProblemResponses;
import org.jboss.logging.Logger;

/**
 * A request that fails below the REST layer (a route handler throws or fails the request) is answered as a problem,
 * like every other error, instead of by the framework's error page. Runs after every other failure handler, so the
 * ones that know their failure better answer first.
 */
public class FailureProblems {

    private static final Logger LOG = Logger.getLogger(FailureProblems.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE - 1).failureHandler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = status(ctx.statusCode(), failure);
        String path = ctx.request().path() == null || ctx.request().path().length() > 200 ? null : ctx.request().path();
        if (status >= 500) {
            LOG.errorf(failure, "unhandled failure on %s", path);
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        ProblemResponses.end(ctx, Problem.of(status, ProblemResponses.reason(status), detail(status), path));
    }

    private static int status(int given, Throwable failure) {
        if (failure instanceof HttpException http) {
            return http.getStatusCode();
        }
        if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
            return 401;
        }
        if (failure instanceof ForbiddenException) {
            return 403;
        }
        return given >= 400 && given <= 599 ? given : 500;
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request could not be read";
            case 401 -> "A valid bearer token is required";
            case 403 -> "You may not perform this operation";
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this path";
            default -> status >= 500 ? "The request could not be completed. It has been logged." : null;
        };
    }
}
