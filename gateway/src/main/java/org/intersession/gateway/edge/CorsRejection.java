package org.intersession.gateway.edge;

import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.problem.ProblemResponses;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser request from an origin the gateway does not allow is refused with a 403 problem. Quarkus's CORS filter,
 * which runs next and writes the CORS headers of allowed requests, would refuse it with an empty body. This decides
 * as that filter does (quarkus.http.cors.origins, exact or /regex/, or the gateway's own origin; for a listed origin,
 * only the listed methods), so it only ever answers first; the filter still refuses anything this lets through.
 */
public class CorsRejection {

    private final boolean enabled;
    private final List<String> origins;
    private final List<Pattern> originPatterns;
    private final boolean anyOrigin;
    private final Set<String> methods;

    CorsRejection(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean enabled,
                  @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins,
                  @ConfigProperty(name = "quarkus.http.cors.methods") Optional<List<String>> methods) {
        this.enabled = enabled;
        this.origins = origins.orElse(List.of());
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(origins);
        this.anyOrigin = this.origins.size() == 1 && ("*".equals(this.origins.get(0)) || "/.*/".equals(this.origins.get(0)));
        this.methods = methods.orElse(List.of()).stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Just before Quarkus's CORS filter (order -300, added after every Router observer). */
    void register(@Observes Router router) {
        if (enabled) {
            router.route().order(-301).handler(this::check);
        }
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || anyOrigin) {
            ctx.next();
            return;
        }
        boolean listed = origins.contains(origin) || CORSFilter.isOriginAllowedByRegex(originPatterns, origin);
        if (!listed && !isOwnOrigin(request, origin)) {
            refuse(ctx, "Requests from this origin are not allowed");
        } else if (listed && !isPreflight(request) && !methods.isEmpty() && !methods.contains(request.method().name())) {
            refuse(ctx, "Cross-origin " + request.method().name() + " requests are not allowed");
        } else {
            ctx.next();
        }
    }

    private static void refuse(RoutingContext ctx, String detail) {
        ctx.response().headers().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        ProblemResponses.end(ctx, Problem.of(403, "Forbidden", detail, ctx.request().path()));
    }

    private static boolean isPreflight(HttpServerRequest request) {
        return request.method() == HttpMethod.OPTIONS && (request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null
                || request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS) != null);
    }

    /** Same scheme, host and port as the request itself, a missing port being the scheme's default. */
    static boolean isOwnOrigin(HttpServerRequest request, String origin) {
        String host = request.host();
        if (host == null) {
            return false;
        }
        String own = request.scheme() + "://" + host;
        String defaultPort = "https".equals(request.scheme()) ? ":443" : ":80";
        return origin.equals(own) || origin.equals(own + defaultPort)
                || own.endsWith(defaultPort) && origin.equals(own.substring(0, own.length() - defaultPort.length()));
    }
}
