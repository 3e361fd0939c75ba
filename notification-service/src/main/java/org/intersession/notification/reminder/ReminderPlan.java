package org.intersession.notification.reminder;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.schedule.Schedule;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What reminders need of an assignment, from its latest snapshot, and how far ahead they are planned. */
@Entity
@Table(name = "reminder_plan")
public class ReminderPlan extends PanacheEntityBase {

    @Id
    @Column(name = "assignment_id")
    public UUID assignmentId;

    @TenantId
    @Column(name = "clinic_id", nullable = false)
    public UUID clinicId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String status;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Schedule schedule;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "reminder_policy", nullable = false)
    public ReminderPolicy reminderPolicy;

    @Column(nullable = false)
    public long version;

    @Column(name = "planned_until", nullable = false)
    public OffsetDateTime plannedUntil;

    boolean isRemindable() {
        return status.equals("ASSIGNED") || status.equals("ACTIVE");
    }
}
