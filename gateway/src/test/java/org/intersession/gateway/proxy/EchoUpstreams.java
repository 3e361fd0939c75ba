package org.intersession.gateway.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.intersession.platform.audit.AuditSubject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server that answers every request with a description of what it received, standing in for the
 * services behind the gateway in the gateway's own tests. The notification upstream points at a closed port, and
 * the progress upstream has a stopped instance (a closed port) before the echo.
 */
public class EchoUpstreams implements QuarkusTestResourceLifecycleManager {

    public static final String ECHO_STATUS = "X-Echo-Status";
    public static final String ECHO_AUDIT_CLIENT = "X-Echo-Audit-Client";

    /** {@code GET /echo-seen/{requestId}} on the echo itself answers 200 if a request with that id reached it, else 404. */
    public static final String SEEN = "/echo-seen/";

    static final String LIVE_STREAM = "/live-stream";
    static final String LIVE_STREAM_END = "/live-stream-end";

    private final List<HttpServerResponse> held = new CopyOnWriteArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer().requestHandler(request -> {
                if (request.path().startsWith(SEEN)) {
                    boolean reached = seen.contains(request.path().substring(SEEN.length()));
                    request.response().setStatusCode(reached ? 200 : 404).end();
                    return;
                }
                String requestId = request.getHeader("X-Request-Id");
                if (requestId != null) {
                    seen.add(requestId);
                }
                if (request.path().endsWith(LIVE_STREAM) || request.path().endsWith(LIVE_STREAM_END)) {
                    liveStream(request);
                } else {
                    echo(request);
                }
            }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("echo upstream did not start", e);
        }
        String url = "http://localhost:" + server.actualPort();
        return Map.of(
                "intersession.gateway.upstreams.assignment", url,
                "intersession.gateway.upstreams.progress", "http://localhost:1, " + url + "/",
                "intersession.gateway.upstreams.notification", "http://localhost:1");
    }

    /**
     * {@code .../live-stream} answers an event stream with one event and holds it open; {@code .../live-stream-end}
     * sends a last event on the held streams and ends them, so a test sees what arrives before the upstream is done.
     */
    private void liveStream(HttpServerRequest request) {
        if (request.path().endsWith(LIVE_STREAM_END)) {
            held.forEach(stream -> stream.end("id: 2\nevent: notification\ndata: {\"n\":2}\n\n"));
            held.clear();
            request.response().setStatusCode(204).end();
            return;
        }
        HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
        held.add(response);
        response.write("id: 1\nevent: notification\ndata: {\"n\":1}\n\n");
    }

    private static void echo(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            JsonObject echo = new JsonObject()
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("authorization", request.getHeader("Authorization"))
                    .put("requestId", request.getHeader("X-Request-Id"))
                    .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                    .put("traceparent", request.getHeader("traceparent"))
                    .put("contentLength", request.getHeader("Content-Length"))
                    .put("transferEncoding", request.getHeader("Transfer-Encoding"))
                    .put("body", body.toString());
            // a test may ask for a status, and for the client a service would name for the audit trail
            String status = request.getHeader(ECHO_STATUS);
            String auditClient = request.getHeader(ECHO_AUDIT_CLIENT);
            if (auditClient != null) {
                request.response().putHeader(AuditSubject.HEADER, auditClient);
            }
            // the headers a service sets on its answers, the gateway's own included, and a Location built as a service builds it
            request.response().setStatusCode(status == null ? 200 : Integer.parseInt(status))
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Location", "http://" + request.getHeader("Host") + request.path() + "/created")
                    .putHeader("X-Upstream", "echo").end(echo.encode());
        });
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
