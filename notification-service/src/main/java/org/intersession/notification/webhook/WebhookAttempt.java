package org.intersession.notification.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One try to send a delivery: the receiver's status (null if none came), a short error, and how long it took. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "delivery_id", nullable = false, updatable = false)
    public UUID deliveryId;

    @Column(nullable = false, updatable = false)
    public OffsetDateTime at;

    @Column(name = "response_status", updatable = false)
    public Integer responseStatus;

    @Column(updatable = false)
    public String error;

    @Column(name = "duration_ms", nullable = false, updatable = false)
    public int durationMs;
}
