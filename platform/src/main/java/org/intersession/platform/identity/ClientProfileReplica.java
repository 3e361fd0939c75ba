package org.intersession.platform.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.intersession.platform.event.identity.ClientProfileChanged;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A client's profile as this service learned it from identity events: time zone, locale, channels. */
@Entity
@Table(name = "client_profile_replica")
public class ClientProfileReplica extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public UUID clientId;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String locale;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<ClientProfileChanged.Channel> channels = new ArrayList<>();

    /** The time of the event this state came from; an older event never overwrites a newer one. */
    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;
}
