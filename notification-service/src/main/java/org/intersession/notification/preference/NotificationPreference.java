package org.intersession.notification.preference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "notification_preference")
public class NotificationPreference extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @TenantId
    @Column(name = "clinic_id", nullable = false)
    public UUID clinicId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<PreferencesInput.Channel> channels = new ArrayList<>();

    @Column(name = "quiet_hours_start")
    public LocalTime quietHoursStart;

    @Column(name = "quiet_hours_end")
    public LocalTime quietHoursEnd;

    @Enumerated(EnumType.STRING)
    @Column(name = "completion_delivery", nullable = false)
    public PreferencesInput.CompletionDelivery completionDelivery;

    @Column(name = "daily_digest_time", nullable = false)
    public LocalTime dailyDigestTime;

    @Enumerated(EnumType.STRING)
    @Column(name = "weekly_digest_day")
    public DayOfWeek weeklyDigestDay;

    @Column(name = "weekly_digest_time")
    public LocalTime weeklyDigestTime;

    /** A client's consent to emails that name their homework; without it emails say only that something is due. */
    @Column(name = "email_includes_details", nullable = false)
    public boolean emailIncludesDetails;

    /** IANA zone of the digest times; set on every save. */
    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Counts every change of the row, for the preferences' ETag. */
    @Version
    public long version;
}
