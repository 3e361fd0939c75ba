package org.intersession.gateway.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

public record AuditEventView(UUID id, OffsetDateTime occurredAt, UUID clinicId, UUID actorId, String actorRole,
                             UUID clientId, AuditAction action, String resourceType, String resource, String httpMethod,
                             int status, AuditOutcome outcome, String requestId, String sourceIp) {

    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.id, e.occurredAt, e.clinicId, e.actorId, e.actorRole, e.clientId, e.action,
                e.resourceType, e.resource, e.httpMethod, e.status, e.outcome, e.requestId, e.sourceIp);
    }
}
