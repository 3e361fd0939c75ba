package org.intersession.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import org.intersession.notification.delivery.SendOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One signed POST to a receiver. Redirects are never followed (a 3xx is a failure: it could point anywhere), the
 * target's addresses are checked again right before connecting, and the response body is never read: the status
 * line and headers decide, so a huge, malformed or trickling body cannot hold or fill the dispatcher.
 */
@ApplicationScoped
public class WebhookPoster {

    /** The message to sign and send, and the media type it is labelled with. */
    public record Message(String url, String webhookId, String contentType, String body, List<String> secrets) {
    }

    private final TargetGuard guard;
    private final Duration requestTimeout;
    private final HttpClient http;

    WebhookPoster(TargetGuard guard, WebhookConfig config) {
        this.guard = guard;
        this.requestTimeout = config.requestTimeout();
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** @return the receiver's status if it answered, and an error unless it was a 2xx */
    public SendOutcome post(Message message) {
        long started = System.nanoTime();
        try {
            URI uri = URI.create(message.url());
            // API7: DNS may have changed since registration; this check narrows, but cannot close, a rebinding window
            guard.checkResolved(uri);
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Content-Type", message.contentType())
                    .header("User-Agent", "Intersession-Webhooks/1")
                    .header("webhook-id", message.webhookId())
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", WebhookSigner.signatures(message.secrets(), message.webhookId(), timestamp, message.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // closing unread drops the connection instead of draining whatever the receiver sends
            response.body().close();
            int status = response.statusCode();
            String error = status >= 200 && status < 300 ? null
                    : status >= 300 && status < 400 ? "redirect (HTTP " + status + ") not followed"
                    : "HTTP " + status;
            return SendOutcome.of(status, error, started);
        } catch (TargetGuard.RefusedTarget e) {
            return failure("refused: " + e.getMessage(), started);
        } catch (HttpConnectTimeoutException e) {
            return failure("no connection within the connect timeout", started);
        } catch (HttpTimeoutException e) {
            return failure("no response within " + requestTimeout.toSeconds() + "s", started);
        } catch (ConnectException e) {
            return failure("could not connect", started);
        } catch (IOException e) {
            return failure("I/O error: " + e, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure("interrupted", started);
        } catch (RuntimeException e) {
            return failure("could not send: " + e, started);
        }
    }

    private static SendOutcome failure(String error, long started) {
        return SendOutcome.of(null, error, started);
    }
}
