package org.intersession.gateway.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code status} is null only for an {@link AuditOutcome#UNCONFIRMED} record: the answer was never recorded. */
public record AuditEventView(UUID id, OffsetDateTime occurredAt, UUID clinicId, @Schema(nullable = true) UUID actorId, @Schema(nullable = true) String actorRole,
                             @Schema(nullable = true) UUID clientId, AuditAction action, String resourceType, @Schema(nullable = true) String resource, String httpMethod,
                             @Schema(nullable = true, description = "The status the caller received; null when the outcome is UNCONFIRMED") Integer status,
                             AuditOutcome outcome, @Schema(nullable = true) String requestId, @Schema(nullable = true) String sourceIp) {

    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.id, e.occurredAt, e.clinicId, e.actorId, e.actorRole, e.clientId, e.action,
                e.resourceType, e.resource, e.httpMethod, e.status, e.outcome, e.requestId, e.sourceIp);
    }
}
