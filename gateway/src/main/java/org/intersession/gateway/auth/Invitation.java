package org.intersession.gateway.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A one-time token that lets an invited user set their password. Stored as a SHA-256 hash. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "used_at")
    public OffsetDateTime usedAt;

    /** Withdrawn before use: replaced by a newer invitation, or its issuing API client was revoked. */
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    /** The API client that issued it, if an app did; null when a human did. */
    @Column(name = "issued_by_api_client", updatable = false)
    public UUID issuedByApiClient;

    public boolean open(OffsetDateTime now) {
        return usedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }
}
