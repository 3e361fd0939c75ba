package org.intersession.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.problem.ProblemResponses;

import java.util.Map;

/**
 * The limits of a request, checked before anything else reads it, so that each is answered as a problem rather than
 * by the framework's bare status line: the target's length (414), the headers' size (431), the body's size (413),
 * whether declared or only known once read, and that a body says what it is (415). A request without a body needs no
 * Content-Type, so a bare {@code POST .../acknowledge} still works.
 */
public class RequestLimits {

    private final HttpLimitsConfig limits;
    private final long maxBodyBytes;
    private final Instance<StreamedBodies> streamed;

    RequestLimits(HttpLimitsConfig limits, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
                  Instance<StreamedBodies> streamed) {
        this.limits = limits;
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.streamed = streamed;
    }

    /** After {@link RequestIds}, so the problem carries the request's id; before CORS, security and every resource. */
    void register(@Observes Router router) {
        router.route().order(-305).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > limits.maxUriLength()) {
            refuse(ctx, 414, "URI Too Long", "The request target is limited to " + limits.maxUriLength() + " characters");
        } else if (headerBytes(request.headers()) > limits.maxHeaderBytes()) {
            refuse(ctx, 431, "Request Header Fields Too Large", "Request headers are limited to " + limits.maxHeaderBytes() + " bytes");
        } else if (declaredLength(request) > maxBodyBytes) {
            tooLarge(ctx);
        } else if (hasBody(request) && isBlank(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            refuse(ctx, 415, "Unsupported Media Type", "A request body needs a Content-Type, such as application/json");
        } else if (lengthUnknown(request) && streamed.stream().noneMatch(s -> s.streams(ctx.normalizedPath()))) {
            readWithin(ctx);
        } else {
            ctx.next();
        }
    }

    /** A body of unknown length (chunked) is counted as it arrives and handed on whole, as the resource would read it anyway. */
    private void readWithin(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] exceeded = {false};
        request.handler(chunk -> {
            if (exceeded[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBodyBytes) {
                exceeded[0] = true;
                tooLarge(ctx);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!exceeded[0]) {
                ctx.setBody(body);
                ctx.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        request.resume();
    }

    /**
     * A client that sends its body without waiting for an answer only reads the 413 once its writes go through, so
     * what it still sends is read and dropped, up to the limit once more; past that the connection is closed.
     */
    private void tooLarge(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > maxBodyBytes) {
                request.connection().close();
            }
        });
        request.resume();
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        refuse(ctx, 413, "Content Too Large", "Request bodies are limited to " + maxBodyBytes + " bytes");
    }

    private static void refuse(RoutingContext ctx, int status, String title, String detail) {
        ProblemResponses.end(ctx, Problem.of(status, title, detail, path(ctx)));
    }

    /** The raw path: the normalized one of an over-long or undecodable target is not worth echoing. */
    private static String path(RoutingContext ctx) {
        String path = ctx.request().path();
        return path == null || path.length() > 200 ? null : path;
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // the codec refuses these first; if one got through, it is not a size to accept
        }
    }

    private static boolean lengthUnknown(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.CONTENT_LENGTH) == null && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static boolean hasBody(HttpServerRequest request) {
        return declaredLength(request) > 0 || lengthUnknown(request);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
