package org.intersession.platform.web;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import org.intersession.platform.problem.Problem;

/** A path no route serves answers a 404 problem, like every other error, instead of the framework's page. */
public class UnknownRouteFallback {

    void register(@Observes Router router) {
        router.route().last().handler(ctx -> ctx.response()
                .setStatusCode(404)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(404, "Not Found", "No resource at this path", ctx.normalizedPath()))));
    }
}
