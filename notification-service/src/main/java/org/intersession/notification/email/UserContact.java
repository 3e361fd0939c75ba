package org.intersession.notification.email;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A user's email address as the gateway's user events last stated it. */
@Entity
@Table(name = "user_contact")
public class UserContact extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @TenantId
    @Column(name = "clinic_id", nullable = false)
    public UUID clinicId;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String status;

    /** The time of the event this state came from; an older event never overwrites a newer one. */
    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;
}
