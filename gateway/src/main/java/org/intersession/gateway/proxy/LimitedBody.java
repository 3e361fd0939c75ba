package org.intersession.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body passed through to a service while its bytes are counted. A body without a declared length
 * (chunked, or HTTP/2) can only be measured as it flows: past the limit, the stream stops and {@link #exceeded()}
 * tells the proxy to answer 413 instead of forwarding the rest.
 */
final class LimitedBody implements ReadStream<Buffer> {

    private final ReadStream<Buffer> body;
    private final long maxBytes;
    private final Runnable onExceeded;
    private long seen;
    private volatile boolean exceeded;

    LimitedBody(ReadStream<Buffer> body, long maxBytes, Runnable onExceeded) {
        this.body = body;
        this.maxBytes = maxBytes;
        this.onExceeded = onExceeded;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            body.handler(null);
            return this;
        }
        body.handler(chunk -> {
            if (exceeded) {
                return;
            }
            seen += chunk.length();
            if (seen > maxBytes) {
                exceeded = true;
                body.pause();
                onExceeded.run();
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        body.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        body.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        if (!exceeded) {
            body.resume();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (!exceeded) {
            body.fetch(amount);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        body.endHandler(end -> {
            if (!exceeded && endHandler != null) {
                endHandler.handle(end);
            }
        });
        return this;
    }
}
