package org.intersession.notification.reminder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One reminder of one occurrence, and what became of it: sent (with the outcome), cancelled or skipped. */
@Entity
@Table(name = "reminder")
public class Reminder extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "clinic_id", nullable = false)
    public UUID clinicId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "assignment_id", nullable = false)
    public UUID assignmentId;

    @Column(name = "occurrence_key", nullable = false)
    public String occurrenceKey;

    @Column(name = "due_at", nullable = false)
    public OffsetDateTime dueAt;

    @Column(name = "window_end", nullable = false)
    public OffsetDateTime windowEnd;

    @Column(name = "send_at", nullable = false)
    public OffsetDateTime sendAt;

    @Column(nullable = false)
    public String status;

    public String outcome;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;
}
