package org.intersession.gateway.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "family_id", nullable = false, updatable = false)
    public UUID familyId;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(name = "issued_at", nullable = false, updatable = false)
    public OffsetDateTime issuedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "used_at")
    public OffsetDateTime usedAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
