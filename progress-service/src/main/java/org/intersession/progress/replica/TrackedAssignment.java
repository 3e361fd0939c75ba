package org.intersession.progress.replica;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.identity.CareTeamMember;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.schema.FieldSchema;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** What progress-service knows of an assignment, from assignment-service's events. */
@Entity
@Table(name = "tracked_assignment")
public class TrackedAssignment extends PanacheEntityBase {

    @Id
    @Column(name = "assignment_id")
    public UUID assignmentId;

    @Column(name = "clinic_id", nullable = false)
    public UUID clinicId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "therapist_id", nullable = false)
    public UUID therapistId;

    @Column(nullable = false)
    public String title;

    @Column(name = "assigned_at", nullable = false)
    public OffsetDateTime assignedAt;

    @Column(nullable = false)
    public String status;

    @Column(name = "time_zone")
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    public Schedule schedule;

    /** The field schema the assignment pinned; answers are validated against it. Null: no structured answers. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "field_schema")
    public FieldSchema fieldSchema;

    /** How far the missed-occurrence job has looked: windows closing up to here are settled. */
    @Column(name = "missed_checked_until")
    public OffsetDateTime missedCheckedUntil;

    /** When the first due window after the watermark closes: the job looks again only then. Null: look at once. */
    @Column(name = "missed_next_window_end")
    public OffsetDateTime missedNextWindowEnd;

    /** The assignment's version in the snapshot this row holds. */
    @Column(nullable = false)
    public long version;

    /** When it was cancelled (its event's time), if it was: nothing due after that is asked of the client. */
    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    /**
     * The assignment, if the caller may see it: a client their own, a therapist their care team's, an admin or an API
     * client the clinic's. A refused attempt on a client's assignment is audited under that client.
     */
    public static Optional<TrackedAssignment> visibleTo(Caller caller, UUID assignmentId) {
        Optional<TrackedAssignment> assignment = TrackedAssignment.<TrackedAssignment>find(
                "assignmentId = ?1 and clinicId = ?2", assignmentId, caller.clinicId()).firstResultOptional();
        // named before the caller's own scope narrows it: a refused attempt is audited under that client too
        assignment.ifPresent(a -> AuditSubject.concerns(a.clientId));
        if (caller.is(Role.CLIENT)) {
            return assignment.filter(a -> a.clientId.equals(caller.id()));
        }
        if (caller.is(Role.THERAPIST)) {
            return assignment.filter(a -> CareTeamMember.count("clinicId = ?1 and therapistId = ?2 and clientId = ?3",
                    caller.clinicId(), caller.id(), a.clientId) > 0);
        }
        return assignment;
    }
}
