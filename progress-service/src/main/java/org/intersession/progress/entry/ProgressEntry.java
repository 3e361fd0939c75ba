package org.intersession.progress.entry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@Entity
@Table(name = "progress_entry")
public class ProgressEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "client_id", nullable = false, updatable = false)
    public UUID clientId;

    @Column(name = "assignment_id", nullable = false, updatable = false)
    public UUID assignmentId;

    @Column(name = "occurrence_key", nullable = false, updatable = false)
    public String occurrenceKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EntryStatus status;

    /** Done (by {@link #completedAt}, or else by when it was recorded) after the occurrence's window closed. */
    @Column(nullable = false)
    public boolean late;

    /** When the client says they did it; null when their app did not say. */
    @Column(name = "completed_at", updatable = false)
    public OffsetDateTime completedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> answers = new HashMap<>();

    @Column(name = "mood_before")
    public Integer moodBefore;

    @Column(name = "mood_after")
    public Integer moodAfter;

    @Column(name = "distress_before")
    public Integer distressBefore;

    @Column(name = "distress_after")
    public Integer distressAfter;

    @Column(name = "minutes_spent")
    public Integer minutesSpent;

    public String note;

    @Column(name = "note_private", nullable = false)
    public boolean notePrivate;

    @Enumerated(EnumType.STRING)
    @Column(name = "skip_reason")
    public SkipReason skipReason;

    @Column(name = "skip_reason_text")
    public String skipReasonText;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    public OffsetDateTime recordedAt;

    /** 1 when logged, one more with every amendment. */
    @Column(nullable = false)
    public int version = 1;

    @Column(name = "amended_at")
    public OffsetDateTime amendedAt;
}
