package org.intersession.gateway.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.intersession.platform.event.identity.ClientProfileChanged;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What reminders need to know about a client: where they live in time and their language. */
@Entity
@Table(name = "client_profile")
public class ClientProfile extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String locale;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<ClientProfileChanged.Channel> channels = new ArrayList<>();
}
