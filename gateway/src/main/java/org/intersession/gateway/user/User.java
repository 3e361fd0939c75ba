package org.intersession.gateway.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.intersession.platform.security.Role;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(nullable = false)
    public String email;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Role role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UserStatus status;

    /** bcrypt; null until the user accepted their invitation. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** Emails are unique within a clinic only (per-clinic accounts, docs/security.md). */
    public static java.util.Optional<User> findInClinicByEmail(UUID clinicId, String email) {
        return find("clinicId = ?1 and lower(email) = lower(?2)", clinicId, email.strip()).firstResultOptional();
    }

    /** Every account of this address that can log in, in whichever clinic: at most one per clinic. */
    public static java.util.List<User> activeWithEmail(String email) {
        return list("lower(email) = lower(?1) and status = ?2", email.strip(), UserStatus.ACTIVE);
    }
}
