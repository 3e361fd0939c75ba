package org.intersession.gateway.audit;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.intersession.gateway.IdentityFixture;
import org.intersession.gateway.IdentityFixture.ClinicWithAdmin;
import org.intersession.gateway.IdentityFixture.Member;
import org.intersession.gateway.auth.TokenIssuer;
import org.intersession.platform.audit.AuditSubject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.intersession.gateway.proxy.EchoUpstreams.ECHO_AUDIT_CLIENT;
import static org.intersession.gateway.proxy.EchoUpstreams.ECHO_STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail at the gateway: one record per request on client data, written before the answer, refusals
 * included; readable by the clinic's admins only; and unchangeable, down to the database.
 */
@QuarkusTest
class AuditTrailTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Set<String> COLUMNS = Set.of("id", "occurred_at", "clinic_id", "actor_id", "actor_role", "client_id",
            "action", "resource_type", "resource", "http_method", "status", "outcome", "request_id", "source_ip");

    @Inject
    TokenIssuer issuer;

    @Inject
    AgroalDataSource database;

    @Inject
    MeterRegistry meters;

    /** docs/self-hosting.md, Meters: the writer's queue is a gauge, empty between requests. */
    @Test
    void theWritersQueueIsMetered() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("intersession.audit.writer.queue").gauge().value() == 0.0);
    }

    @Test
    void eachProxiedReadListCreateUpdateAndDeleteWritesExactlyOneCompleteRecord() throws SQLException {
        UUID clinic = UUID.randomUUID();
        UUID therapist = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        UUID assignment = UUID.randomUUID();
        String token = issuer.forUser(therapist, clinic, "THERAPIST");

        record("GET", "/api/v1/assignments/" + assignment, token, client, 200, "READ", "assignments/" + assignment);
        record("GET", "/api/v1/assignments", token, client, 200, "LIST", "assignments");
        record("POST", "/api/v1/assignments", token, client, 201, "CREATE", "assignments");
        record("PATCH", "/api/v1/assignments/" + assignment, token, client, 200, "UPDATE", "assignments/" + assignment);
        record("DELETE", "/api/v1/assignments/" + assignment, token, client, 200, "DELETE", "assignments/" + assignment);

        Map<String, Object> row = only(send("GET", "/api/v1/assignments/" + assignment + "/occurrences", token, client, 200));
        assertEquals("LIST", row.get("action"), "a sub-collection is listed");
        assertEquals("assignment", row.get("resource_type"));
    }

    private void record(String method, String path, String token, UUID client, int status, String action, String resource)
            throws SQLException {
        String requestId = send(method, path, token, client, status);
        Map<String, Object> row = only(requestId);
        for (String column : COLUMNS) {
            assertNotNull(row.get(column), method + " " + path + ": " + column + " is filled");
        }
        assertEquals(action, row.get("action"), method + " " + path);
        assertEquals("assignment", row.get("resource_type"));
        assertEquals(resource, row.get("resource"));
        assertEquals(method, row.get("http_method"));
        assertEquals(status, ((Number) row.get("status")).intValue());
        assertEquals("SUCCESS", row.get("outcome"));
        assertEquals("THERAPIST", row.get("actor_role"));
        assertEquals(client.toString(), row.get("client_id").toString(), "the client the service named");
        assertEquals("127.0.0.1", row.get("source_ip"));
    }

    /** Sends a request through the proxy to the echo service, which answers {@code status} and names {@code client}. */
    private static String send(String method, String path, String token, UUID client, int status) {
        String requestId = "audit-" + UUID.randomUUID();
        var request = given().auth().oauth2(token).header("X-Request-Id", requestId).header(ECHO_STATUS, status);
        if (client != null) {
            request.header(ECHO_AUDIT_CLIENT, client.toString());
        }
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.contentType(ContentType.JSON).body("{}");
        }
        request.when().request(method, path).then().statusCode(status)
                .header("X-Upstream", "echo")
                .header(AuditSubject.HEADER, nullValue());
        return requestId;
    }

    @Test
    void theGatewaysOwnClientDataIsAuditedWithTheClientConcerned() throws SQLException {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member client = IdentityFixture.client(clinic);
        Member therapist = IdentityFixture.therapist(clinic);
        String admin = clinic.admin().accessToken();

        Map<String, Object> read = only(given().auth().oauth2(admin).header("X-Request-Id", "audit-" + UUID.randomUUID())
                .when().get("/api/v1/users/{id}", client.id())
                .then().statusCode(200).header(AuditSubject.HEADER, nullValue()).extract().header("X-Request-Id"));
        assertEquals("READ", read.get("action"));
        assertEquals("user", read.get("resource_type"));
        assertEquals("users/" + client.id(), read.get("resource"));
        assertEquals(client.id(), read.get("client_id"));
        assertEquals(clinic.clinicId(), read.get("clinic_id"));
        assertEquals(clinic.admin().id(), read.get("actor_id"));
        assertEquals("CLINIC_ADMIN", read.get("actor_role"));

        Map<String, Object> updated = only(given().auth().oauth2(admin).header("If-Match", "*").contentType(ContentType.JSON)
                .body(Map.of("displayName", "Renamed")).when().patch("/api/v1/users/{id}", client.id())
                .then().statusCode(200).extract().header("X-Request-Id"));
        assertEquals("UPDATE", updated.get("action"));
        assertEquals(client.id(), updated.get("client_id"));

        Map<String, Object> listed = only(given().auth().oauth2(admin).when().get("/api/v1/users")
                .then().statusCode(200).extract().header("X-Request-Id"));
        assertEquals("LIST", listed.get("action"));

        Map<String, Object> linked = only(given().auth().oauth2(admin)
                .when().put("/api/v1/clients/{c}/care-team/{t}", client.id(), therapist.id())
                .then().statusCode(201).extract().header("X-Request-Id"));
        assertEquals("UPDATE", linked.get("action"));
        assertEquals("care-team", linked.get("resource_type"));
        assertEquals(client.id(), linked.get("client_id"), "the client in the path");

        Map<String, Object> unlinked = only(given().auth().oauth2(admin)
                .when().delete("/api/v1/clients/{c}/care-team/{t}", client.id(), therapist.id())
                .then().statusCode(204).extract().header("X-Request-Id"));
        assertEquals("DELETE", unlinked.get("action"));
        assertEquals("SUCCESS", unlinked.get("outcome"));

        String email = "client-" + UUID.randomUUID() + "@clinic.test";
        var created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("email", email, "displayName", "New client", "role", "CLIENT", "profile", Map.of("timeZone", "Europe/Berlin")))
                .when().post("/api/v1/users").then().statusCode(201).extract();
        Map<String, Object> create = only(created.header("X-Request-Id"));
        assertEquals("CREATE", create.get("action"));
        assertEquals(UUID.fromString(created.path("user.id")), create.get("client_id"), "the new client");
    }

    @Test
    void deniedAttemptsAreRecordedAsDenied() throws SQLException {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member client = IdentityFixture.client(clinic);
        Member stranger = IdentityFixture.therapist(clinic);
        ClinicWithAdmin other = IdentityFixture.newClinic();

        Map<String, Object> outsideCareTeam = only(given().auth().oauth2(stranger.accessToken())
                .when().get("/api/v1/users/{id}", client.id())
                .then().statusCode(404).contentType(PROBLEM).extract().header("X-Request-Id"));
        assertEquals("DENIED", outsideCareTeam.get("outcome"));
        assertEquals(stranger.id(), outsideCareTeam.get("actor_id"));
        assertEquals(client.id(), outsideCareTeam.get("client_id"));

        Map<String, Object> otherClinic = only(given().auth().oauth2(other.admin().accessToken())
                .when().get("/api/v1/users/{id}", client.id())
                .then().statusCode(404).extract().header("X-Request-Id"));
        assertEquals("DENIED", otherClinic.get("outcome"));
        assertEquals(other.clinicId(), otherClinic.get("clinic_id"), "recorded in the clinic of the one who tried");

        Map<String, Object> wrongRole = only(given().auth().oauth2(stranger.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "x-" + UUID.randomUUID() + "@clinic.test", "displayName", "X", "role", "THERAPIST"))
                .when().post("/api/v1/users")
                .then().statusCode(403).extract().header("X-Request-Id"));
        assertEquals("DENIED", wrongRole.get("outcome"));
        assertEquals("CREATE", wrongRole.get("action"));

        String proxied = send("GET", "/api/v1/assignments/" + UUID.randomUUID(), stranger.accessToken(), null, 404);
        assertEquals("DENIED", only(proxied).get("outcome"));

        Map<String, Object> noToken = only(given().header("X-Request-Id", "audit-" + UUID.randomUUID())
                .when().get("/api/v1/progress-entries")
                .then().statusCode(401).extract().header("X-Request-Id"));
        assertEquals("DENIED", noToken.get("outcome"));
        assertNull(noToken.get("actor_id"));
        assertNull(noToken.get("clinic_id"));

        // refused before the endpoint ran, so written alongside the answer rather than before it
        String forged = given().auth().oauth2(stranger.accessToken() + "x")
                .when().get("/api/v1/users/{id}", client.id())
                .then().statusCode(401).contentType(PROBLEM).extract().header("X-Request-Id");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> row = only(forged);
            assertEquals("DENIED", row.get("outcome"));
            assertEquals("users/" + client.id(), row.get("resource"));
            assertNull(row.get("actor_id"), "an unverified token names nobody");
        });

        // the same on the routes proxied to the services, whatever is wrong with the token
        String valid = stranger.accessToken();
        for (String bad : List.of(valid + "x", valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA", "not-a-jwt",
                valid.substring(valid.indexOf('.') + 1))) {
            String refused = given().auth().oauth2(bad).header("X-Request-Id", "audit-" + UUID.randomUUID())
                    .when().get("/api/v1/assignments/{id}", UUID.randomUUID())
                    .then().statusCode(401).contentType(PROBLEM).extract().header("X-Request-Id");
            Map<String, Object> row = only(refused);
            assertEquals("DENIED", row.get("outcome"));
            assertEquals(401, row.get("status"));
            assertNull(row.get("actor_id"), "an unverified token names nobody");
        }
    }

    @Test
    void onlyTheClinicsOwnAdminsReadItsTrail() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member client = IdentityFixture.client(clinic);
        Member therapist = IdentityFixture.therapist(clinic);
        ClinicWithAdmin other = IdentityFixture.newClinic();
        given().auth().oauth2(clinic.admin().accessToken()).when().get("/api/v1/users/{id}", client.id()).then().statusCode(200);

        auditEvents(clinic.admin().accessToken(), Map.of("clientId", client.id())).statusCode(200)
                .body("items.action", contains("READ", "CREATE"))
                .body("items.clinicId", everyItem(equalTo(clinic.clinicId().toString())));
        auditEvents(other.admin().accessToken(), Map.of("clientId", client.id())).statusCode(200)
                .body("items", hasSize(0));
        auditEvents(other.admin().accessToken(), Map.of()).statusCode(200)
                .body("items.clinicId", everyItem(equalTo(other.clinicId().toString())));
        auditEvents(therapist.accessToken(), Map.of()).statusCode(403).contentType(PROBLEM);
        auditEvents(client.accessToken(), Map.of()).statusCode(403).contentType(PROBLEM);
        auditEvents(issuer.forApiClient(UUID.randomUUID(), clinic.clinicId(), Set.of("users:read", "care-teams:write")), Map.of())
                .statusCode(403);
        given().when().get("/api/v1/audit-events").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void filtersAndCursorPagesNarrowTheTrailNewestFirst() {
        UUID clinic = UUID.randomUUID();
        UUID therapist = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String token = issuer.forUser(therapist, clinic, "THERAPIST");
        String admin = issuer.forUser(UUID.randomUUID(), clinic, "CLINIC_ADMIN");
        String from = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1).toString();
        for (int i = 0; i < 3; i++) {
            send("GET", "/api/v1/assignments/" + UUID.randomUUID(), token, first, 200);
        }
        send("GET", "/api/v1/progress-entries", token, second, 200);
        send("GET", "/api/v1/assignments", token, second, 200);
        send("GET", "/api/v1/assignments/" + UUID.randomUUID(), token, second, 403);

        auditEvents(admin, Map.of("clientId", first)).statusCode(200).body("items", hasSize(3))
                .body("items.clientId", everyItem(equalTo(first.toString())));
        auditEvents(admin, Map.of("action", "LIST")).statusCode(200).body("items", hasSize(2));
        auditEvents(admin, Map.of("action", "list", "resourceType", "progress-entry")).statusCode(200).body("items", hasSize(1));
        auditEvents(admin, Map.of("outcome", "DENIED")).statusCode(200).body("items", hasSize(1))
                .body("items[0].status", equalTo(403));
        auditEvents(admin, Map.of("actor", therapist, "from", from)).statusCode(200).body("items", hasSize(6));
        auditEvents(admin, Map.of("to", from)).statusCode(200).body("items", hasSize(0));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        List<String> times = new ArrayList<>();
        do {
            Map<String, Object> query = new HashMap<>(Map.of("limit", 4));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            var page = auditEvents(admin, query).statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            times.addAll(page.getList("items.occurredAt"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(6, seen.size());
        assertEquals(6, Set.copyOf(seen).size(), "no record twice across pages");
        List<java.time.OffsetDateTime> parsed = times.stream().map(java.time.OffsetDateTime::parse).toList();
        for (int i = 1; i < parsed.size(); i++) {
            assertTrue(!parsed.get(i).isAfter(parsed.get(i - 1)), "newest first");
        }

        auditEvents(admin, Map.of("limit", 101)).statusCode(400).contentType(PROBLEM);
        auditEvents(admin, Map.of("action", "ERASE")).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("action"));
        auditEvents(admin, Map.of("from", "yesterday")).statusCode(400).body("errors[0].field", equalTo("from"));
        auditEvents(admin, Map.of("clientId", "not-a-uuid")).statusCode(400).body("errors[0].field", equalTo("clientId"));
    }

    @Test
    void auditRowsCannotBeUpdatedDeletedOrTruncated() throws SQLException {
        String requestId = send("GET", "/api/v1/assignments", issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST"), null, 200);
        for (String statement : List.of(
                "update audit_event set outcome = 'SUCCESS', status = 200 where request_id = '" + requestId + "'",
                "delete from audit_event where request_id = '" + requestId + "'",
                "truncate audit_event")) {
            SQLException refused = assertThrows(SQLException.class, () -> execute(statement), statement);
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertNotNull(only(requestId).get("id"), "the row is still there");
        given().auth().oauth2(issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "CLINIC_ADMIN"))
                .when().delete("/api/v1/audit-events").then().statusCode(405);
    }

    @Test
    void anAnswerThatCannotBeAuditedIsA503WithoutTheData() throws SQLException {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member client = IdentityFixture.client(clinic);
        String token = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST");
        execute("alter table audit_event rename to audit_event_unavailable");
        try {
            given().auth().oauth2(token).when().get("/api/v1/assignments/{id}", UUID.randomUUID())
                    .then().statusCode(503).contentType(PROBLEM)
                    .header("X-Upstream", nullValue())
                    .body("status", equalTo(503))
                    .body("uri", nullValue());
            given().auth().oauth2(clinic.admin().accessToken()).when().get("/api/v1/users/{id}", client.id())
                    .then().statusCode(503).contentType(PROBLEM)
                    .body("status", equalTo(503))
                    .body("email", nullValue());
        } finally {
            execute("alter table audit_event_unavailable rename to audit_event");
        }
        given().auth().oauth2(clinic.admin().accessToken()).when().get("/api/v1/users/{id}", client.id())
                .then().statusCode(200).body("email", notNullValue());
    }

    @Test
    void theQueryIsPartOfThePublicApiDocumentWithUnconfirmedRecordsWithoutStatus() {
        given().when().get("/openapi").then().statusCode(200)
                .body("paths.'/api/v1/audit-events'.get", notNullValue())
                .body("components.schemas.AuditOutcome.enum", hasItem("UNCONFIRMED"))
                .body("components.schemas.AuditEventView.properties.status.nullable", equalTo(true));
    }

    private static ValidatableResponse auditEvents(String token, Map<String, ?> query) {
        return given().auth().oauth2(token).queryParams(query).when().get("/api/v1/audit-events").then();
    }

    private Map<String, Object> only(String requestId) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("select * from audit_event where request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (String column : COLUMNS) {
                        row.put(column, result.getObject(column));
                    }
                    rows.add(row);
                }
            }
        }
        assertEquals(1, rows.size(), "exactly one audit record for request " + requestId);
        return rows.get(0);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
