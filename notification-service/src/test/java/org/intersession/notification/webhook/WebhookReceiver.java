package org.intersession.notification.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real HTTP receiver (the JDK's server) that records every request and answers as told. Tests bind it to 127.0.0.2,
 * the one address the test profile allowlists, or to 127.0.0.1 to prove that nothing reaches it.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String webhookId, String timestamp, String signature, String contentType, String body, Instant at) {
    }

    /** How to answer: a status, optional headers, an optional delay before answering, and a body of some size. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    static Answer status(int status) {
        return exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        };
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> hitsById = new ConcurrentHashMap<>();
    private volatile Answer answer = status(204);

    private WebhookReceiver(String address) {
        try {
            server = HttpServer.create(new InetSocketAddress(address, 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                received.add(new Received(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body, Instant.now()));
                hitsById.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
                answer.answer(exchange);
            } catch (IOException | RuntimeException e) {
                exchange.close();
            }
        });
        server.start();
    }

    static WebhookReceiver on(String address) {
        return new WebhookReceiver(address);
    }

    WebhookReceiver answering(Answer answer) {
        this.answer = answer;
        return this;
    }

    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Map<String, Integer> hitsById() {
        return hitsById.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
