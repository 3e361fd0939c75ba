package org.intersession.notification.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.intersession.notification.delivery.ClinicAdmins;
import org.intersession.notification.delivery.DeliveryChannel;
import org.intersession.notification.delivery.DeliveryDispatcher;
import org.intersession.notification.delivery.RetryPolicy;
import org.intersession.notification.delivery.SendOutcome;
import org.intersession.notification.notification.NotificationWriter;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Webhooks as a delivery channel ({@link DeliveryDispatcher}): claimed only while the endpoint is enabled, and one
 * subject's deliveries to one endpoint in sequence (a delivery is claimed only when no earlier one of its subject is
 * still pending). After the last retry the delivery fails, the endpoint is disabled, and the clinic's admins are told
 * in their inbox.
 */
@ApplicationScoped
public class WebhookDispatcher implements DeliveryChannel<WebhookDispatcher.Outgoing> {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    /** One signed POST, and what its outcome is recorded against. */
    public record Outgoing(UUID endpointId, UUID clinicId, String eventType, WebhookPoster.Message message) {
    }

    private final EntityManager em;
    private final WebhookConfig config;
    private final WebhookSecrets secrets;
    private final WebhookPoster poster;
    private final NotificationWriter writer;
    private final ClinicAdmins admins;
    private final RetryPolicy retries;
    private final DeliveryDispatcher<Outgoing> dispatcher;

    WebhookDispatcher(EntityManager em, WebhookConfig config, WebhookSecrets secrets, WebhookPoster poster,
                      NotificationWriter writer, ClinicAdmins admins, MeterRegistry meters) {
        this.em = em;
        this.config = config;
        this.secrets = secrets;
        this.poster = poster;
        this.writer = writer;
        this.admins = admins;
        this.retries = new RetryPolicy(config.retrySchedule(), config.retryJitter());
        this.dispatcher = new DeliveryDispatcher<>(this, em, meters);
    }

    @PreDestroy
    void stop() {
        dispatcher.stop();
    }

    @Scheduled(identity = "webhook-dispatch", every = "${intersession.webhooks.dispatch-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        dispatchDue();
    }

    /** Sends every delivery due now, a batch at a time. @return how many attempts were made */
    public int dispatchDue() {
        return dispatcher.dispatchDue();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String deliveryTable() {
        return "webhook_delivery";
    }

    @Override
    public String attemptTable() {
        return "webhook_attempt";
    }

    @Override
    public String sentStatus() {
        return WebhookDelivery.Status.SUCCEEDED.name();
    }

    @Override
    public String claimJoin() {
        return "join webhook_endpoint e on e.id = d.endpoint_id";
    }

    @Override
    public String claimCondition() {
        return """
                and e.enabled and not exists (select 1 from webhook_delivery earlier
                    where earlier.endpoint_id = d.endpoint_id and earlier.subject = d.subject
                      and earlier.sequence < d.sequence and earlier.status = 'PENDING')""";
    }

    @Override
    public int batchSize() {
        return config.batchSize();
    }

    /** A sender may wait for DNS, the connect timeout and the request timeout; the lease outlasts all three. */
    @Override
    public Duration lease() {
        return config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retries;
    }

    @Override
    public List<Claimed<Outgoing>> load(List<UUID> ids, OffsetDateTime now) {
        List<Claimed<Outgoing>> claimed = new ArrayList<>();
        for (WebhookDelivery delivery : WebhookDelivery.<WebhookDelivery>list("id in ?1", ids)) {
            WebhookEndpoint endpoint = WebhookEndpoint.findById(delivery.endpointId);
            List<String> signing = new ArrayList<>();
            try {
                signing.add(secrets.decrypt(endpoint.id, endpoint.secret));
                if (endpoint.previousSecret != null && endpoint.previousSecretExpiresAt.isAfter(now)) {
                    signing.add(secrets.decrypt(endpoint.id, endpoint.previousSecret));
                }
            } catch (IllegalStateException e) {
                // never send unsigned; the lease runs out and it is tried again, without holding up the others
                LOG.error(e.getMessage());
                continue;
            }
            claimed.add(new Claimed<>(delivery.id, delivery.clinicId, new Outgoing(endpoint.id, endpoint.clinicId, delivery.eventType,
                    new WebhookPoster.Message(endpoint.url, delivery.id.toString(), endpoint.contentMode.contentType(),
                            delivery.payload, List.copyOf(signing)))));
        }
        return claimed;
    }

    @Override
    public SendOutcome send(Outgoing outgoing) {
        return poster.post(outgoing.message());
    }

    @Override
    public void sent(Claimed<Outgoing> claimed, SendOutcome outcome) {
        Outgoing outgoing = claimed.message();
        writer.outcome(outgoing.clinicId(), outgoing.endpointId(), "webhook", WebhookEventTypes.WEBHOOK_CHANNEL, true,
                outgoing.eventType() + ": HTTP " + outcome.status());
    }

    @Override
    public void gaveUp(Claimed<Outgoing> claimed, int attempts, SendOutcome outcome) {
        Outgoing outgoing = claimed.message();
        writer.outcome(outgoing.clinicId(), outgoing.endpointId(), "webhook", WebhookEventTypes.WEBHOOK_CHANNEL, false,
                outgoing.eventType() + ": " + outcome.error());
        WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, outgoing.endpointId(), LockModeType.PESSIMISTIC_WRITE);
        if (endpoint == null || !endpoint.enabled) {
            return;
        }
        endpoint.enabled = false;
        endpoint.disabledReason = SendOutcome.truncated("delivery " + claimed.deliveryId() + " failed " + attempts
                + " times; last error: " + outcome.error());
        endpoint.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        String host = URI.create(endpoint.url).getHost();
        admins.tell("webhook.disabled", "A webhook endpoint was disabled",
                "Deliveries to " + host + " kept failing, so the endpoint was disabled. Fix the receiver, then enable it"
                        + " again; its pending deliveries resume then.",
                "webhook-disabled#" + endpoint.id + "#" + claimed.deliveryId());
    }
}
