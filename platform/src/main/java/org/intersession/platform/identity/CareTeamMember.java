package org.intersession.platform.identity;

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

/** A therapist in a client's care team, as this service learned it from identity events. */
@Entity
@Table(name = "care_team_member")
@IdClass(CareTeamMember.Key.class)
public class CareTeamMember extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public UUID clientId;

    @Id
    @Column(name = "therapist_id")
    public UUID therapistId;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "linked_at", nullable = false)
    public OffsetDateTime linkedAt;

    public record Key(UUID clientId, UUID therapistId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
