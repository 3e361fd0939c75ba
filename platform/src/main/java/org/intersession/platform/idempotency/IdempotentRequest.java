package org.intersession.platform.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A create made with an Idempotency-Key, and its answer for a retry. The key belongs to its caller (clinic and token
 * subject); each service keeps its own in its own database.
 */
@Entity
@Table(name = "idempotent_request")
@IdClass(IdempotentRequest.Key.class)
public class IdempotentRequest {

    @Id
    @Column(name = "clinic_id")
    public UUID clinicId;

    @Id
    @Column(name = "caller")
    public String caller;

    @Id
    @Column(name = "idempotency_key")
    public String key;

    /** SHA-256 of the method, path and canonical JSON of the body: a retry is the same request by value. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "response_location")
    public String responseLocation;

    @Column(name = "response_etag")
    public String responseEtag;

    /** The JSON answered; null where it held a secret shown once ({@link IdempotentCreate#replay()}). */
    @Column(name = "response_body")
    public String responseBody;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public record Key(UUID clinicId, String caller, String key) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
