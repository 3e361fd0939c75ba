package org.intersession.gateway.audit;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.platform.security.Caller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.intersession.gateway.access.GatewayOperation.READ_AUDIT_EVENTS;

/** The clinic admin's view of the audit trail: their own clinic's records only, newest first. */
@ApplicationScoped
public class AuditEventService {

    /** Every filter is optional; {@code from} is inclusive and {@code to} exclusive. */
    public record Filter(UUID actorId, UUID clientId, AuditAction action, AuditOutcome outcome, String resourceType,
                         OffsetDateTime from, OffsetDateTime to) {
    }

    @Transactional
    public Page<AuditEventView> list(Caller caller, Filter filter, int limit, Cursor after) {
        READ_AUDIT_EVENTS.require(caller);
        StringBuilder query = new StringBuilder("clinicId = :clinic");
        Parameters params = Parameters.with("clinic", caller.clinicId());
        and(query, params, "actorId", filter.actorId(), "=");
        and(query, params, "clientId", filter.clientId(), "=");
        and(query, params, "action", filter.action(), "=");
        and(query, params, "outcome", filter.outcome(), "=");
        and(query, params, "resourceType", filter.resourceType(), "=");
        and(query, params, "occurredAt", filter.from(), ">=");
        if (filter.to() != null) {
            query.append(" and occurredAt < :until");
            params.and("until", filter.to());
        }
        if (after != null) {
            query.append(" and (occurredAt < :at or (occurredAt = :at and id < :id))");
            params.and("at", after.at()).and("id", after.id());
        }
        List<AuditEvent> rows = AuditEvent.<AuditEvent>find(query.toString(), Sort.descending("occurredAt", "id"), params)
                .range(0, limit).list();
        return Page.of(rows, limit, e -> new Cursor(e.occurredAt, e.id), AuditEventView::of);
    }

    private static void and(StringBuilder query, Parameters params, String field, Object value, String operator) {
        if (value != null) {
            query.append(" and ").append(field).append(' ').append(operator).append(" :").append(field);
            params.and(field, value);
        }
    }
}
