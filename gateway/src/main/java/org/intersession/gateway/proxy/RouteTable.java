package org.intersession.gateway.proxy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.intersession.gateway.proxy.Upstream.ASSIGNMENT;
import static org.intersession.gateway.proxy.Upstream.NOTIFICATION;
import static org.intersession.gateway.proxy.Upstream.PROGRESS;

/**
 * Every public path the gateway forwards, and where: the first route that matches. Nothing else is proxied: an
 * unlisted path is a 404 here, even if some service would answer it.
 */
public final class RouteTable {

    public record Route(Pattern path, Upstream upstream) {
        public boolean matches(String requestPath) {
            return path.matcher(requestPath).matches();
        }
    }

    public static final List<Route> ROUTES = List.of(
            // occurrences carry their outcomes, which progress-service knows: it answers them, with the schedule it replicates
            new Route(Pattern.compile("/api/v1/assignments/[0-9a-fA-F-]{36}/occurrences"), PROGRESS),
            collection("/api/v1/assignments", ASSIGNMENT),
            collection("/api/v1/reviews", ASSIGNMENT),
            collection("/api/v1/templates", ASSIGNMENT),
            clientScoped("reviews", ASSIGNMENT),
            collection("/api/v1/progress-entries", PROGRESS),
            collection("/api/v1/occurrences", PROGRESS),
            collection("/api/v1/adherence", PROGRESS),
            collection("/api/v1/trends", PROGRESS),
            clientScoped("pre-session-summary", PROGRESS),
            collection("/api/v1/notifications", NOTIFICATION),
            collection("/api/v1/notification-preferences", NOTIFICATION),
            collection("/api/v1/webhook-endpoints", NOTIFICATION),
            collection("/api/v1/webhook-event-types", NOTIFICATION));

    private RouteTable() {
    }

    public static Optional<Upstream> upstreamFor(String path) {
        return ROUTES.stream().filter(route -> route.matches(path)).map(Route::upstream).findFirst();
    }

    /** A collection under one client, such as {@code /api/v1/clients/{clientId}/reviews}. */
    private static Route clientScoped(String collection, Upstream upstream) {
        return new Route(Pattern.compile("/api/v1/clients/[0-9a-fA-F-]{36}/" + Pattern.quote(collection) + "(/[^?]*)?"), upstream);
    }

    /** The collection itself and anything below it, such as {@code /api/v1/assignments/{id}/occurrences}. */
    private static Route collection(String prefix, Upstream upstream) {
        return new Route(Pattern.compile(Pattern.quote(prefix) + "(/[^?]*)?"), upstream);
    }
}
