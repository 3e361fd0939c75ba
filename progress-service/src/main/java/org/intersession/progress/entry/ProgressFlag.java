package org.intersession.progress.entry;

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

/** An answer that crossed its field's alert rule, kept for the pre-session summary. */
@Entity
@Table(name = "progress_flag")
@IdClass(ProgressFlag.Key.class)
public class ProgressFlag extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public UUID entryId;

    @Id
    @Column(name = "field_key")
    public String fieldKey;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "assignment_id", nullable = false)
    public UUID assignmentId;

    @Column(name = "field_label", nullable = false)
    public String fieldLabel;

    public String message;

    @Column(name = "flagged_at", nullable = false)
    public OffsetDateTime flaggedAt;

    public record Key(UUID entryId, String fieldKey) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
