package org.intersession.platform.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request has an X-Request-Id: the caller's if it is short and plain (the gateway passes its own on),
 * otherwise a new one. It is answered back, and put in the logging context so every log line of the request has it.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void register(@Observes Router router) {
        router.route().order(-310).handler(this::assign);
    }

    private void assign(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.request().headers().set(HEADER, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /** Runs on the thread that serves the request, so its log lines carry the id. */
    @ServerRequestFilter
    public void intoLoggingContext(ContainerRequestContext request) {
        MDC.put(MDC_KEY, request.getHeaderString(HEADER));
    }

    /** Worker threads are shared with scheduled jobs, whose log lines must not carry a finished request's id. */
    @ServerResponseFilter
    public void outOfLoggingContext() {
        MDC.remove(MDC_KEY);
    }
}
