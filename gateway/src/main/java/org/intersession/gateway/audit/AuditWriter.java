package org.intersession.gateway.audit;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Appends audit records in batches: the records of requests that arrive together are inserted in one transaction, so
 * that a busy gateway commits once per batch instead of once per request. A few writer threads take batches side by
 * side, so that one batch's round trips to the database do not hold up the next. Each request still waits for its
 * own record's commit before it answers, and a record that cannot be written fails only the requests of its batch
 * that it belongs to: after a failed batch, every record is tried again on its own.
 * <p>
 * Besides records, the writer takes the intents of creates, updates and deletes ({@link #intend}) and the records
 * that settle them ({@link #settle}: the record inserted and its intent deleted in the same transaction). A batch of
 * reads' records alone prepares only the record insert, so reads pay nothing for intents.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final String INSERT = """
            insert into audit_event (id, occurred_at, clinic_id, actor_id, actor_role, client_id, action, resource_type,
                                     resource, http_method, status, outcome, request_id, source_ip)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_INTENT = """
            insert into audit_intent (id, occurred_at, clinic_id, actor_id, actor_role, client_id, action, resource_type,
                                      resource, http_method, request_id, source_ip)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String DELETE_INTENT = "delete from audit_intent where id = ?";

    /** What a queued write does: insert an intent, insert a record, or insert a record and delete its intent. */
    private enum Op {
        INTENT, RECORD, SETTLE
    }

    private record Pending(AuditEvent event, Op op, CompletableFuture<Void> written) {
    }

    private final AgroalDataSource dataSource;
    private final AuditConfig config;
    private final BlockingQueue<Pending> queue;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    AuditWriter(AgroalDataSource dataSource, AuditConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.writer().queueCapacity());
        Gauge.builder("intersession.audit.writer.queue", queue, BlockingQueue::size)
                .description("Audit records and intents waiting to be written; at capacity, audited requests are refused")
                .register(meters);
    }

    void start(@Observes StartupEvent started) {
        running = true;
        for (int i = 0; i < config.writer().threads(); i++) {
            Thread thread = new Thread(this::run, "audit-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + config.writer().shutdownTimeout().toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    /** Completes once the record is committed; fails at once if the writer is saturated or stopped. */
    public CompletionStage<Void> append(AuditEvent event) {
        return enqueue(event, Op.RECORD);
    }

    /** Completes once the intent (the event's descriptive fields, under its id) is committed; fails as {@link #append}. */
    public CompletionStage<Void> intend(AuditEvent intent) {
        return enqueue(intent, Op.INTENT);
    }

    /** Completes once the record is committed and the intent of the same id deleted, in one transaction. */
    public CompletionStage<Void> settle(AuditEvent event) {
        return enqueue(event, Op.SETTLE);
    }

    private CompletionStage<Void> enqueue(AuditEvent event, Op op) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(event, op, written))) {
            written.completeExceptionally(new IllegalStateException("the audit writer is " + (running ? "saturated" : "stopped")));
        }
        return written;
    }

    private void run() {
        int maxBatch = config.writer().maxBatch();
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                batch.forEach(p -> p.written().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        for (Pending left = queue.poll(); left != null; left = queue.poll()) {
            left.written().completeExceptionally(new IllegalStateException("the audit writer stopped"));
        }
    }

    private void write(List<Pending> batch) {
        try {
            insert(batch);
            batch.forEach(p -> p.written().complete(null));
        } catch (SQLException failure) {
            if (batch.size() == 1) {
                batch.get(0).written().completeExceptionally(failure);
                return;
            }
            LOG.warnf("a batch of %d audit records failed (%s); writing them one by one", batch.size(), failure.toString());
            for (Pending one : batch) {
                try {
                    insert(List.of(one));
                    one.written().complete(null);
                } catch (SQLException alone) {
                    one.written().completeExceptionally(alone);
                }
            }
        }
    }

    /** One transaction: intents inserted, records inserted, then the settled intents deleted. */
    private void insert(List<Pending> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                executeBatch(connection, INSERT_INTENT, batch, p -> p.op() == Op.INTENT, AuditWriter::bindIntent);
                executeBatch(connection, INSERT, batch, p -> p.op() != Op.INTENT, AuditWriter::bindRecord);
                executeBatch(connection, DELETE_INTENT, batch, p -> p.op() == Op.SETTLE, (delete, e) -> delete.setObject(1, e.id));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement, AuditEvent event) throws SQLException;
    }

    /** Prepares the statement only when some write of the batch needs it. */
    private static void executeBatch(Connection connection, String sql, List<Pending> batch, Predicate<Pending> needs,
                                     Binder binder) throws SQLException {
        if (batch.stream().noneMatch(needs)) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Pending pending : batch) {
                if (needs.test(pending)) {
                    binder.bind(statement, pending.event());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private static void bindRecord(PreparedStatement insert, AuditEvent e) throws SQLException {
        bindDescription(insert, e);
        insert.setInt(11, e.status);
        insert.setString(12, e.outcome.name());
        insert.setString(13, e.requestId);
        insert.setString(14, e.sourceIp);
    }

    private static void bindIntent(PreparedStatement insert, AuditEvent e) throws SQLException {
        bindDescription(insert, e);
        insert.setString(11, e.requestId);
        insert.setString(12, e.sourceIp);
    }

    /** The first ten columns, shared by records and intents. */
    private static void bindDescription(PreparedStatement insert, AuditEvent e) throws SQLException {
        insert.setObject(1, e.id);
        insert.setObject(2, e.occurredAt);
        uuid(insert, 3, e.clinicId);
        uuid(insert, 4, e.actorId);
        insert.setString(5, e.actorRole);
        uuid(insert, 6, e.clientId);
        insert.setString(7, e.action.name());
        insert.setString(8, e.resourceType);
        insert.setString(9, e.resource);
        insert.setString(10, e.httpMethod);
    }

    private static void uuid(PreparedStatement insert, int index, UUID value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.OTHER);
        } else {
            insert.setObject(index, value);
        }
    }
}
