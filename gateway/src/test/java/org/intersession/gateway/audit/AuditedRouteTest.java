package org.intersession.gateway.audit;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditedRouteTest {

    private static final UUID ID = UUID.fromString("3f2b8a3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c");

    @Test
    void actionsFollowTheMethodAndWhetherACollectionIsAddressed() {
        assertEquals(AuditAction.LIST, AuditedRoute.of("GET", "/api/v1/progress-entries").action());
        assertEquals(AuditAction.READ, AuditedRoute.of("GET", "/api/v1/progress-entries/" + ID).action());
        assertEquals(AuditAction.CREATE, AuditedRoute.of("POST", "/api/v1/progress-entries").action());
        assertEquals(AuditAction.UPDATE, AuditedRoute.of("PUT", "/api/v1/progress-entries/" + ID).action());
        assertEquals(AuditAction.UPDATE, AuditedRoute.of("POST", "/api/v1/assignments/" + ID + "/pause").action());
        assertEquals(AuditAction.DELETE, AuditedRoute.of("DELETE", "/api/v1/clients/" + ID + "/care-team/" + ID).action());
        assertEquals(AuditAction.LIST, AuditedRoute.of("GET", "/api/v1/adherence/caseload").action());
        assertEquals(AuditAction.READ, AuditedRoute.of("GET", "/api/v1/clients/" + ID + "/pre-session-summary").action());
    }

    @Test
    void aChangesFeedIsAListOfItsResource() {
        AuditedRoute entries = AuditedRoute.of("GET", "/api/v1/progress-entries/sync");
        assertEquals(AuditAction.LIST, entries.action());
        assertEquals("progress-entry", entries.resourceType());
        AuditedRoute occurrences = AuditedRoute.of("GET", "/api/v1/occurrences/sync");
        assertEquals(AuditAction.LIST, occurrences.action());
        assertEquals("occurrence", occurrences.resourceType());
        assertEquals(AuditAction.LIST, AuditedRoute.of("GET", "/api/v1/assignments/sync").action());
    }

    @Test
    void theResourceIsThePathBelowTheApiWithItsIdsAndTheClientInThePathIsKept() {
        AuditedRoute summary = AuditedRoute.of("GET", "/api/v1/clients/" + ID + "/pre-session-summary");
        assertEquals("summary", summary.resourceType());
        assertEquals("clients/" + ID + "/pre-session-summary", summary.resource());
        assertEquals(ID, summary.clientInPath());

        AuditedRoute entry = AuditedRoute.of("PUT", "/api/v1/progress-entries/" + ID + "/");
        assertEquals("progress-entry", entry.resourceType());
        assertEquals("progress-entries/" + ID, entry.resource());
        assertNull(entry.clientInPath());

        assertEquals(AuditedRoute.MAX_RESOURCE, AuditedRoute.of("GET", "/api/v1/assignments/" + "x".repeat(400)).resource().length());
    }

    @Test
    void usersAndCareTeamsAreTheGatewaysOwnClientData() {
        assertTrue(AuditedRoute.isGatewayClientData("/api/v1/users"));
        assertTrue(AuditedRoute.isGatewayClientData("/api/v1/users/" + ID + "/deactivate"));
        assertTrue(AuditedRoute.isGatewayClientData("/api/v1/clients/" + ID + "/care-team/" + ID));
        assertFalse(AuditedRoute.isGatewayClientData("/api/v1/auth/login"));
        assertFalse(AuditedRoute.isGatewayClientData("/api/v1/clinics"));
        assertFalse(AuditedRoute.isGatewayClientData("/api/v1/audit-events"));
    }
}
