package org.intersession.gateway.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The batching writer commits every record it confirms, and a record that cannot be written fails only itself. */
@QuarkusTest
class AuditWriterTest {

    @Inject
    AuditWriter writer;

    @Inject
    AgroalDataSource database;

    static AuditEvent event(String requestId, String resource) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        event.occurredAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        event.clinicId = UUID.randomUUID();
        event.action = AuditAction.READ;
        event.resourceType = "assignment";
        event.resource = resource;
        event.httpMethod = "GET";
        event.status = 200;
        event.outcome = AuditOutcome.SUCCESS;
        event.requestId = requestId;
        event.sourceIp = "127.0.0.1";
        return event;
    }

    private int rows(String requestIdPrefix) throws SQLException {
        try (Connection c = database.getConnection();
             PreparedStatement count = c.prepareStatement("select count(*) from audit_event where request_id like ?")) {
            count.setString(1, requestIdPrefix + "%");
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void everyConfirmedRecordIsCommittedWhenManyArriveTogether() throws Exception {
        String prefix = "batch-" + UUID.randomUUID() + "-";
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            written.add(writer.append(event(prefix + i, "assignments/" + i)).toCompletableFuture());
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(300, rows(prefix));
    }

    @Test
    void aRecordThatCannotBeWrittenFailsAloneAndTheRestOfItsBatchIsKept() throws Exception {
        String prefix = "poisoned-" + UUID.randomUUID() + "-";
        List<CompletableFuture<Void>> good = new ArrayList<>();
        CompletableFuture<Void> bad = null;
        for (int i = 0; i < 40; i++) {
            if (i == 20) {
                // longer than the column allows: the database refuses this row
                bad = writer.append(event(prefix + "bad", "x".repeat(301))).toCompletableFuture();
            } else {
                good.add(writer.append(event(prefix + i, "assignments/" + i)).toCompletableFuture());
            }
        }
        CompletableFuture.allOf(good.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> refused = bad;
        assertThrows(ExecutionException.class, () -> refused.get(30, TimeUnit.SECONDS));
        assertEquals(39, rows(prefix));
    }
}
