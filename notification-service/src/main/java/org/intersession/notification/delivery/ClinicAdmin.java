package org.intersession.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.util.UUID;

/** An active clinic admin, as this service learned it from the gateway's user events. */
@Entity
@Table(name = "clinic_admin")
public class ClinicAdmin extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @TenantId
    @Column(name = "clinic_id", nullable = false)
    public UUID clinicId;
}
