package org.intersession.notification.email;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One email: to whom, what kind, and whether it was sent ({@code PENDING}, {@code SENT}, {@code FAILED}). Its id is the
 * email's Message-ID, the same on every attempt. The subject and text are kept sealed only until it is sent or given up.
 */
@Entity
@Table(name = "email_delivery")
public class EmailDelivery extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "clinic_id", nullable = false)
    public UUID clinicId;

    @Column(name = "recipient_id", nullable = false)
    public UUID recipientId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String address;

    @Column(nullable = false)
    public String status;

    /** The last failed attempt's error, or why it was given up. */
    public String error;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(name = "sealed_message")
    public String sealedMessage;

    @Column(name = "attempts_in_round", nullable = false)
    public int attemptsInRound;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
