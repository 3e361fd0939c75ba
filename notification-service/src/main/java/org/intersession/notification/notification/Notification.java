package org.intersession.notification.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "recipient_id", nullable = false, updatable = false)
    public UUID recipientId;

    @Column(nullable = false, updatable = false)
    public String kind;

    @Column(nullable = false)
    public String title;

    public String body;

    /** HIGH for what a therapist must see at once, such as a flagged answer. */
    @Column(nullable = false)
    public String priority = "NORMAL";

    @Column(name = "source_event_id", nullable = false, updatable = false)
    public String sourceEventId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "read_at")
    public OffsetDateTime readAt;
}
