package org.intersession.gateway.edge;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import org.intersession.gateway.GatewayConfig;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.problem.ProblemResponses;

import java.util.List;

/**
 * What the gateway serves only for itself (OWASP API8) is answered like a path nothing serves: a 404 problem, before
 * any other handler, whoever asks. Readiness and liveness are not listed, so load balancers can still ask for them.
 */
public class UnpublishedPaths {

    private final List<String> exact;
    private final List<String> prefixes;

    UnpublishedPaths(GatewayConfig config) {
        List<String> paths = config.unpublishedPaths().orElse(List.of());
        this.exact = paths.stream().filter(p -> !p.endsWith("/*")).toList();
        this.prefixes = paths.stream().filter(p -> p.endsWith("/*")).map(p -> p.substring(0, p.length() - 1)).toList();
    }

    void register(@Observes Router router) {
        if (!exact.isEmpty() || !prefixes.isEmpty()) {
            router.route().order(-304).handler(this::check);
        }
    }

    private void check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (exact.contains(trimmed) || prefixes.stream().anyMatch(path::startsWith)) {
            ProblemResponses.end(ctx, Problem.of(404, "Not Found", "No resource at this path", path));
        } else {
            ctx.next();
        }
    }
}
