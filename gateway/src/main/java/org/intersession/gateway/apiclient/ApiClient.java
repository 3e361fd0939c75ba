package org.intersession.gateway.apiclient;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A third-party app (EHR, practice software) of one clinic, acting with the scopes it was granted. */
@Entity
@Table(name = "api_client")
public class ApiClient extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    /** The public identifier the app sends with its secret. */
    @Column(name = "client_id", nullable = false, updatable = false)
    public String clientId;

    @Column(nullable = false)
    public String name;

    /** SHA-256 of the secret, which is shown once when the client is created. */
    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    /** Space-separated, as in the token's scope claim. */
    @Column(nullable = false)
    public String scopes;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    public Set<String> scopeSet() {
        return new TreeSet<>(Arrays.asList(scopes.split(" ")));
    }
}
