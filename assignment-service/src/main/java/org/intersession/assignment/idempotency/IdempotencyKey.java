package org.intersession.assignment.idempotency;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyKey.Key.class)
public class IdempotencyKey extends PanacheEntityBase {

    @Id
    @Column(name = "caller_id")
    public UUID callerId;

    @Id
    @Column(name = "idempotency_key")
    public String key;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    /** SHA-256 of the request body: the same key with another body is a client error. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "resource_id")
    public UUID resourceId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public record Key(UUID callerId, String key) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
