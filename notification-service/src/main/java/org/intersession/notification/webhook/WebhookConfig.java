package org.intersession.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Clinic webhooks: limits, the secret encryption key, retries, timeouts and where deliveries may go. */
@ConfigMapping(prefix = "intersession.webhooks")
public interface WebhookConfig {

    /** Base64 of a 256-bit AES key that encrypts endpoint secrets at rest. No default: production must set it. */
    String encryptionKey();

    /** OWASP API6: registered endpoints per clinic. */
    @WithDefault("10")
    int maxEndpointsPerClinic();

    /** How long a rotated-out secret still signs deliveries, next to the new one. */
    @WithDefault("24h")
    Duration secretOverlap();

    /** The wait after each failed attempt (Standard Webhooks' schedule); one more failure after the last ends it. */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Each wait is spread by up to this fraction either way, so failing deliveries do not retry in lockstep. */
    @WithDefault("0.2")
    double retryJitter();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Until the response headers arrive; the body is never read. */
    @WithDefault("15s")
    Duration requestTimeout();

    /** Plain http targets; only https in production. */
    @WithDefault("false")
    boolean allowHttp();

    /** Hosts or CIDR ranges allowed although private or loopback (self-hosted internal receivers). */
    Optional<List<String>> allowedTargets();

    /** Deliveries claimed per round; they are sent in parallel, by this many threads at most. */
    @WithDefault("20")
    int batchSize();

    /** How often the dispatcher looks for due deliveries ("off" stops it). */
    @WithDefault("5s")
    String dispatchInterval();
}
