package org.intersession.notification.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One event for one endpoint. Its id is the stable {@code webhook-id}: retries and replays reuse it, so receivers
 * can deduplicate. {@code attemptsInRound} counts attempts since it was created or last replayed.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    @Schema(name = "WebhookDeliveryStatus")
    public enum Status { PENDING, SUCCEEDED, FAILED }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "endpoint_id", nullable = false, updatable = false)
    public UUID endpointId;

    @Column(name = "event_id", nullable = false, updatable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    /** The CloudEvent in structured JSON, exactly the body that is signed and sent. */
    @Column(nullable = false, updatable = false)
    public String payload;

    /** The event's CloudEvents subject ('' if it had none): deliveries of one subject to one endpoint go in order. */
    @Column(nullable = false, updatable = false)
    public String subject;

    /** Grows per (endpoint, subject); in the body as the CloudEvents {@code sequence} extension, zero-padded. */
    @Column(updatable = false)
    public Long sequence;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    @Column(name = "attempts_in_round", nullable = false)
    public int attemptsInRound;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "lease_token")
    public UUID leaseToken;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;
}
