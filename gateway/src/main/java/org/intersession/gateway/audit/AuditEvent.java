package org.intersession.gateway.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One request on client data, as the gateway answered it. Rows are only ever inserted (V3__audit_events.sql, V4__audit_intents.sql). */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public OffsetDateTime occurredAt;

    /** Absent only when the caller presented no valid token. */
    @Column(name = "clinic_id", updatable = false)
    public UUID clinicId;

    /** A user or an API client; absent without a valid token. */
    @Column(name = "actor_id", updatable = false)
    public UUID actorId;

    /** CLINIC_ADMIN, THERAPIST, CLIENT, API_CLIENT, or PLATFORM_OPERATOR; absent without a valid token. */
    @Column(name = "actor_role", updatable = false)
    public String actorRole;

    @Column(name = "client_id", updatable = false)
    public UUID clientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public AuditAction action;

    @Column(name = "resource_type", nullable = false, updatable = false)
    public String resourceType;

    @Column(nullable = false, updatable = false)
    public String resource;

    @Column(name = "http_method", nullable = false, updatable = false)
    public String httpMethod;

    /** The status the caller received; absent only when the outcome is {@link AuditOutcome#UNCONFIRMED}. */
    @Column(updatable = false)
    public Integer status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public AuditOutcome outcome;

    @Column(name = "request_id", nullable = false, updatable = false)
    public String requestId;

    @Column(name = "source_ip", nullable = false, updatable = false)
    public String sourceIp;
}
