package org.intersession.gateway.careteam;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A therapist in a client's care team. A client may have several therapists. */
@Entity
@Table(name = "care_team_link")
@IdClass(CareTeamLink.Key.class)
public class CareTeamLink extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public UUID clientId;

    @Id
    @Column(name = "therapist_id")
    public UUID therapistId;

    @Column(name = "clinic_id", nullable = false)
    public UUID clinicId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public record Key(UUID clientId, UUID therapistId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
