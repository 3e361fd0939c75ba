package org.intersession.assignment.assignment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.schema.FieldSchema;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "client_id", nullable = false, updatable = false)
    public UUID clientId;

    @Column(name = "therapist_id", nullable = false)
    public UUID therapistId;

    @Column(nullable = false)
    public String title;

    public String instructions;

    /** Why this homework helps this client: explaining it raises engagement. */
    @Column(nullable = false)
    public String rationale;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Obstacle> obstacles = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Schedule schedule;

    /** The client's IANA zone when the schedule was last set; the schedule's local times are read in it. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "reminder_policy", nullable = false)
    public ReminderPolicy reminderPolicy;

    /** The template and version this assignment was made from, if any; its schema is copied into fieldSchema. */
    @Column(name = "template_id")
    public UUID templateId;

    @Column(name = "template_version")
    public Integer templateVersion;

    /** What the client fills in for each occurrence; null for homework without structured answers. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "field_schema")
    public FieldSchema fieldSchema;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssignmentStatus status;

    /** When the last occurrence's window closes (null: no end); the expiry job ends the assignment then. */
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
