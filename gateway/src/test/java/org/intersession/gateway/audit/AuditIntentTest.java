package org.intersession.gateway.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.intersession.gateway.IdentityFixture;
import org.intersession.gateway.IdentityFixture.ClinicWithAdmin;
import org.intersession.gateway.IdentityFixture.Member;
import org.intersession.gateway.auth.TokenIssuer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.intersession.gateway.proxy.EchoUpstreams.ECHO_AUDIT_CLIENT;
import static org.intersession.gateway.proxy.EchoUpstreams.ECHO_STATUS;
import static org.intersession.gateway.proxy.EchoUpstreams.SEEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creates, updates and deletes are announced in a write-ahead intent before they go on, so that a change is never
 * left without an audit record: a request whose intent cannot be written goes no further, and one whose record cannot
 * be written after the answer keeps its answer and is recorded UNCONFIRMED by the sweeper.
 */
@QuarkusTest
class AuditIntentTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    TokenIssuer issuer;

    @Inject
    AgroalDataSource database;

    @Inject
    AuditWriter writer;

    @Inject
    AuditIntentSweeper sweeper;

    @Test
    void eachWriteHasOneRecordAndLeavesNoIntentBehind() throws SQLException {
        UUID clinic = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        String token = issuer.forUser(UUID.randomUUID(), clinic, "THERAPIST");
        UUID assignment = UUID.randomUUID();
        for (String[] write : List.of(new String[] {"POST", "/api/v1/assignments", "201"},
                new String[] {"PUT", "/api/v1/assignments/" + assignment, "200"},
                new String[] {"PATCH", "/api/v1/assignments/" + assignment, "422"},
                new String[] {"DELETE", "/api/v1/assignments/" + assignment, "204"})) {
            String requestId = requestId("write");
            int status = Integer.parseInt(write[2]);
            given().auth().oauth2(token).header("X-Request-Id", requestId).header(ECHO_STATUS, status)
                    .header(ECHO_AUDIT_CLIENT, client.toString()).contentType(ContentType.JSON).body("{}")
                    .when().request(write[0], write[1]).then().statusCode(status);
            Map<String, Object> row = only("audit_event", requestId);
            assertEquals(status, ((Number) row.get("status")).intValue(), write[0]);
            assertEquals(AuditOutcome.of(status).name(), row.get("outcome"));
            assertEquals(client, row.get("client_id"), "the client the service named, not only the intent's");
            assertEquals(0, rows("audit_intent", requestId).size(), write[0] + ": the intent is settled");
        }

        ClinicWithAdmin own = IdentityFixture.newClinic();
        Member member = IdentityFixture.client(own);
        String renamed = requestId("own");
        given().auth().oauth2(own.admin().accessToken()).header("X-Request-Id", renamed).header("If-Match", "*").contentType(ContentType.JSON)
                .body(Map.of("displayName", "Renamed")).when().patch("/api/v1/users/{id}", member.id())
                .then().statusCode(200);
        assertEquals("SUCCESS", only("audit_event", renamed).get("outcome"));
        assertEquals(0, rows("audit_intent", renamed).size());
    }

    @Test
    void aReadWritesNoIntent() throws SQLException {
        String read = requestId("read");
        refuseIntentsOf(read);
        try {
            // were an intent written for it, the refusal would turn this read into a 503
            given().auth().oauth2(issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST"))
                    .header("X-Request-Id", read).when().get("/api/v1/assignments/{id}", UUID.randomUUID())
                    .then().statusCode(200).header("X-Upstream", "echo");
        } finally {
            allowIntents();
        }
        assertEquals("READ", only("audit_event", read).get("action"));
    }

    @Test
    void aWriteWhoseIntentCannotBeWrittenIsRefusedAndNeverReachesTheServiceOrEndpoint() throws SQLException {
        String token = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "THERAPIST");
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        String proxied = requestId("refused-proxied");
        String own = requestId("refused-own");
        String email = "refused-" + UUID.randomUUID() + "@clinic.test";
        refuseIntentsOf(proxied, own);
        try {
            given().auth().oauth2(token).header("X-Request-Id", proxied).contentType(ContentType.JSON).body("{}")
                    .when().post("/api/v1/assignments")
                    .then().statusCode(503).contentType(PROBLEM).header("Retry-After", "5")
                    .header("X-Upstream", nullValue()).body("status", equalTo(503));
            given().auth().oauth2(clinic.admin().accessToken()).header("X-Request-Id", own).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "displayName", "Never created", "role", "THERAPIST"))
                    .when().post("/api/v1/users")
                    .then().statusCode(503).contentType(PROBLEM).header("Retry-After", "5").body("status", equalTo(503));
        } finally {
            allowIntents();
        }
        given().when().get(echo() + SEEN + proxied).then().statusCode(404);
        assertEquals(0, usersWithEmail(email), "the endpoint did not run");
        for (String requestId : List.of(proxied, own)) {
            assertEquals(0, rows("audit_intent", requestId).size());
            assertEquals(0, rows("audit_event", requestId).size(), "a request that went nowhere has no record");
        }

        // the same requests go through once intents can be written: the checks above would have seen them
        String retried = requestId("retried");
        given().auth().oauth2(token).header("X-Request-Id", retried).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/assignments").then().statusCode(200).header("X-Upstream", "echo");
        given().when().get(echo() + SEEN + retried).then().statusCode(200);
        given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "displayName", "Created", "role", "THERAPIST"))
                .when().post("/api/v1/users").then().statusCode(201);
        assertEquals(1, usersWithEmail(email));
    }

    @Test
    void aWriteWhoseRecordCannotBeWrittenKeepsItsAnswerAndIsRecordedUnconfirmedBySweeping() throws SQLException {
        UUID clinic = UUID.randomUUID();
        UUID therapist = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        String proxied = requestId("unrecorded-proxied");
        ClinicWithAdmin own = IdentityFixture.newClinic();
        Member ownClient = IdentityFixture.client(own);
        Member ownTherapist = IdentityFixture.therapist(own);
        String linked = requestId("unrecorded-own");
        execute("""
                create function test_refuse_record() returns trigger language plpgsql as $$
                begin
                    if new.request_id in ('%s', '%s') and new.outcome <> 'UNCONFIRMED' then
                        raise exception 'test: audit record refused';
                    end if;
                    return new;
                end $$""".formatted(proxied, linked));
        execute("create trigger test_refuse_record before insert on audit_event for each row execute function test_refuse_record()");
        try {
            given().auth().oauth2(issuer.forUser(therapist, clinic, "THERAPIST")).header("X-Request-Id", proxied)
                    .header(ECHO_STATUS, 201).contentType(ContentType.JSON).body("{\"note\":\"kept\"}")
                    .when().post("/api/v1/clients/{client}/reviews", client)
                    .then().statusCode(201).header("X-Upstream", "echo").body("body", equalTo("{\"note\":\"kept\"}"));
            given().auth().oauth2(own.admin().accessToken()).header("X-Request-Id", linked)
                    .when().put("/api/v1/clients/{c}/care-team/{t}", ownClient.id(), ownTherapist.id())
                    .then().statusCode(201);
        } finally {
            execute("drop trigger test_refuse_record on audit_event");
            execute("drop function test_refuse_record()");
        }
        for (String requestId : List.of(proxied, linked)) {
            assertEquals(0, rows("audit_event", requestId).size(), "the record was refused");
            assertEquals(1, rows("audit_intent", requestId).size(), "the intent stays for the sweeper");
        }

        assertTrue(sweeper.sweep(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1), 500) >= 2);

        Map<String, Object> unconfirmed = only("audit_event", proxied);
        assertEquals("UNCONFIRMED", unconfirmed.get("outcome"));
        assertNull(unconfirmed.get("status"), "no answer was recorded");
        assertEquals(therapist, unconfirmed.get("actor_id"));
        assertEquals("THERAPIST", unconfirmed.get("actor_role"));
        assertEquals(clinic, unconfirmed.get("clinic_id"));
        assertEquals(client, unconfirmed.get("client_id"));
        assertEquals("CREATE", unconfirmed.get("action"));
        assertEquals("review", unconfirmed.get("resource_type"));
        assertEquals("clients/" + client + "/reviews", unconfirmed.get("resource"));
        assertEquals("POST", unconfirmed.get("http_method"));
        assertEquals("127.0.0.1", unconfirmed.get("source_ip"));
        assertEquals(0, rows("audit_intent", proxied).size());

        Map<String, Object> link = only("audit_event", linked);
        assertEquals("UNCONFIRMED", link.get("outcome"));
        assertEquals(own.admin().id(), link.get("actor_id"));
        assertEquals(ownClient.id(), link.get("client_id"));
        assertEquals("clients/" + ownClient.id() + "/care-team/" + ownTherapist.id(), link.get("resource"));
        assertEquals(1, linksOf(ownClient.id()), "the change the caller was told about stands");

        given().auth().oauth2(issuer.forUser(UUID.randomUUID(), clinic, "CLINIC_ADMIN"))
                .queryParam("outcome", "unconfirmed").when().get("/api/v1/audit-events")
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].requestId", equalTo(proxied))
                .body("items[0].status", nullValue());
    }

    @Test
    void twoSweepersAtOnceRecordEachIntentExactlyOnce() throws Exception {
        String prefix = requestId("stale") + "-";
        OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            AuditEvent intent = AuditWriterTest.event(prefix + i, "assignments/" + i);
            intent.occurredAt = longAgo.plusNanos(i * 1000L);
            written.add(writer.intend(intent).toCompletableFuture());
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService sweepers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> swept = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                swept.add(sweepers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    int total = 0;
                    for (int batch = sweeper.sweep(cutoff, 7); batch > 0; batch = sweeper.sweep(cutoff, 7)) {
                        total += batch;
                    }
                    return total;
                }));
            }
            assertEquals(200, swept.get(0).get(60, TimeUnit.SECONDS) + swept.get(1).get(60, TimeUnit.SECONDS));
        } finally {
            sweepers.shutdownNow();
        }
        try (Connection connection = database.getConnection();
             PreparedStatement count = connection.prepareStatement("""
                     select count(*), count(distinct request_id), count(*) filter (where outcome = 'UNCONFIRMED')
                     from audit_event where request_id like ?""")) {
            count.setString(1, prefix + "%");
            try (ResultSet result = count.executeQuery()) {
                result.next();
                assertEquals(200, result.getInt(1), "one record per intent, none twice");
                assertEquals(200, result.getInt(2));
                assertEquals(200, result.getInt(3));
            }
        }
        try (Connection connection = database.getConnection();
             PreparedStatement left = connection.prepareStatement("select count(*) from audit_intent where request_id like ?")) {
            left.setString(1, prefix + "%");
            try (ResultSet result = left.executeQuery()) {
                result.next();
                assertEquals(0, result.getInt(1));
            }
        }
    }

    private static String requestId(String kind) {
        return "intent-" + kind + "-" + UUID.randomUUID();
    }

    private static String echo() {
        return ConfigProvider.getConfig().getValue("intersession.gateway.upstreams.assignment", String.class);
    }

    /** A test-only trigger that refuses the intents of these requests, as a failing database would. */
    private void refuseIntentsOf(String... requestIds) throws SQLException {
        execute("""
                create function test_refuse_intent() returns trigger language plpgsql as $$
                begin
                    if new.request_id in ('%s') then
                        raise exception 'test: audit intent refused';
                    end if;
                    return new;
                end $$""".formatted(String.join("', '", requestIds)));
        execute("create trigger test_refuse_intent before insert on audit_intent for each row execute function test_refuse_intent()");
    }

    private void allowIntents() throws SQLException {
        execute("drop trigger test_refuse_intent on audit_intent");
        execute("drop function test_refuse_intent()");
    }

    private int usersWithEmail(String email) throws SQLException {
        return count("select count(*) from app_user where email = ?", email);
    }

    private int linksOf(UUID client) throws SQLException {
        return count("select count(*) from care_team_link where client_id = ?", client);
    }

    private int count(String sql, Object parameter) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement count = connection.prepareStatement(sql)) {
            count.setObject(1, parameter);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private Map<String, Object> only(String table, String requestId) throws SQLException {
        List<Map<String, Object>> rows = rows(table, requestId);
        assertEquals(1, rows.size(), "exactly one row in " + table + " for request " + requestId);
        return rows.get(0);
    }

    private List<Map<String, Object>> rows(String table, String requestId) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("select * from " + table + " where request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet result = query.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        row.put(columns.getColumnName(i), result.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
