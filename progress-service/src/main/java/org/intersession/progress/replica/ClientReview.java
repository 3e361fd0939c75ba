package org.intersession.progress.replica;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A session review, as far as progress-service needs it: when the client's last session was. */
@Entity
@Table(name = "client_review")
public class ClientReview extends PanacheEntityBase {

    @Id
    @Column(name = "review_id")
    public UUID reviewId;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "session_date", nullable = false)
    public LocalDate sessionDate;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
