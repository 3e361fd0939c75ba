package org.intersession.e2e;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clinic app's webhook endpoint on this machine: it answers 204 to every POST and keeps each delivery exactly as
 * it arrived (headers and raw body), so the test can check the signature itself.
 */
final class WebhookReceiver implements WebhookSink, AutoCloseable {

    record Delivery(String id, String timestamp, String signature, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("POST")) {
                var headers = exchange.getRequestHeaders();
                deliveries.add(new Delivery(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"), body));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @Override
    public String url() {
        return "http://127.0.0.2:" + server.getAddress().getPort() + "/hooks";
    }

    @Override
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * Standard Webhooks 1.0: one of the space-separated {@code v1,<base64>} signatures must be the HMAC-SHA256 of
     * {@code id.timestamp.body}, keyed with the base64-decoded part of the secret after {@code whsec_}.
     */
    static boolean signedWith(Delivery delivery, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((delivery.id() + "." + delivery.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(delivery.body());
            for (String signature : delivery.signature().split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
