package org.intersession.gateway.audit;

import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/** A clinic admin's query of their clinic's audit trail. Nothing here changes it: there is no write endpoint. */
@Tag(name = "Audit", description = "Who read or changed what, when, from where, and with what outcome.")
@Path("/api/v1/audit-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {

    private final AuditEventService events;
    private final CurrentCaller caller;

    AuditEventResource(AuditEventService events, CurrentCaller caller) {
        this.events = events;
        this.caller = caller;
    }

    /** Newest first. {@code from} (inclusive) and {@code to} (exclusive) are RFC 3339 times, such as 2026-03-01T00:00:00Z. */
    @Operation(operationId = "listAuditEvents", summary = "List audit events",
            description = "The clinic's audit trail, newest first, for clinic admins. from (inclusive) and to (exclusive) are RFC 3339 times.")
    @GET
    public Page<AuditEventView> list(@QueryParam("actor") @Size(max = 36) String actor,
                                     @QueryParam("clientId") @Size(max = 36) String clientId,
                                     @QueryParam("action") @Size(max = 10) String action,
                                     @QueryParam("outcome") @Size(max = 11) String outcome,
                                     @QueryParam("resourceType") @Size(max = AuditedRoute.MAX_RESOURCE_TYPE) String resourceType,
                                     @QueryParam("from") @Size(max = 40) String from,
                                     @QueryParam("to") @Size(max = 40) String to,
                                     @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
                                     @QueryParam("cursor") @Size(max = 200) String cursor) {
        AuditEventService.Filter filter = new AuditEventService.Filter(
                parse("actor", actor, UUID::fromString, "a user or API client id"),
                parse("clientId", clientId, UUID::fromString, "a client id"),
                parse("action", action, v -> AuditAction.valueOf(v.toUpperCase(Locale.ROOT)), "one of READ, LIST, CREATE, UPDATE, DELETE"),
                parse("outcome", outcome, v -> AuditOutcome.valueOf(v.toUpperCase(Locale.ROOT)), "one of SUCCESS, DENIED, INVALID, FAILED, UNCONFIRMED"),
                resourceType == null || resourceType.isBlank() ? null : resourceType.strip(),
                parse("from", from, OffsetDateTime::parse, "an RFC 3339 time, such as 2026-03-01T00:00:00Z"),
                parse("to", to, OffsetDateTime::parse, "an RFC 3339 time, such as 2026-03-01T00:00:00Z"));
        return events.list(caller.get(), filter, limit, Cursor.decode(cursor));
    }

    private static <T> T parse(String field, String value, Function<String, T> parser, String expected) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiProblemException.invalidField(field, "must be " + expected);
        }
    }
}
