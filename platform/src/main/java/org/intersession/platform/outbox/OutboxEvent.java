package org.intersession.platform.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One CloudEvent waiting to be published, written in the same transaction as the change it describes. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** Database sequence: the relay publishes in this order. */
    @Id
    @Column(name = "seq", insertable = false, updatable = false, columnDefinition = "bigserial")
    @jakarta.persistence.GeneratedValue(strategy = jakarta.persistence.GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(nullable = false, updatable = false)
    public String topic;

    @Column(name = "partition_key", nullable = false, updatable = false)
    public String partitionKey;

    @Column(nullable = false, updatable = false)
    public String type;

    /** The whole envelope, exactly as it goes on the wire. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String envelope;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    @Column(nullable = false)
    public int attempts;
}
