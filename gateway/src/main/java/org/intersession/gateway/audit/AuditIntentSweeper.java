package org.intersession.gateway.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records the intents whose requests never got their audit record: the record could not be written after the
 * answer, or the gateway stopped between forwarding and recording. An intent older than the grace period becomes an
 * {@link AuditOutcome#UNCONFIRMED} record (same id, no status) and is deleted, in one transaction. Rows are claimed
 * {@code FOR UPDATE SKIP LOCKED}, so gateway instances sweeping at once never record one intent twice.
 */
@ApplicationScoped
public class AuditIntentSweeper {

    private static final Logger LOG = Logger.getLogger(AuditIntentSweeper.class);
    private static final String SWEEP = """
            with claimed as (
                select id from audit_intent where occurred_at < ? order by occurred_at limit ? for update skip locked
            ), swept as (
                delete from audit_intent where id in (select id from claimed)
                returning id, occurred_at, clinic_id, actor_id, actor_role, client_id, action, resource_type, resource,
                          http_method, request_id, source_ip
            )
            insert into audit_event (id, occurred_at, clinic_id, actor_id, actor_role, client_id, action, resource_type,
                                     resource, http_method, status, outcome, request_id, source_ip)
            select id, occurred_at, clinic_id, actor_id, actor_role, client_id, action, resource_type, resource,
                   http_method, null, 'UNCONFIRMED', request_id, source_ip
            from swept
            on conflict (id) do nothing""";

    private final AgroalDataSource dataSource;
    private final AuditConfig config;

    AuditIntentSweeper(AgroalDataSource dataSource, AuditConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Also the catch-up after downtime: intents left by a stopped or killed gateway are older than the grace period. */
    @Scheduled(identity = "audit-intent-sweep", every = "${intersession.audit.intent.sweep-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweepExpired() {
        try {
            int swept = sweep(OffsetDateTime.now(ZoneOffset.UTC).minus(config.intent().gracePeriod()), config.intent().sweepBatch());
            if (swept > 0) {
                LOG.warnf("%d audit intents had no record after %s; recorded as UNCONFIRMED", swept, config.intent().gracePeriod());
            }
        } catch (SQLException e) {
            // the intents stay for the next run
            LOG.warnf("audit intents not swept: %s", e.toString());
        }
    }

    /**
     * Records at most {@code limit} intents older than {@code cutoff} as UNCONFIRMED and deletes them.
     *
     * @return how many records were written
     */
    int sweep(OffsetDateTime cutoff, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement sweep = connection.prepareStatement(SWEEP)) {
                sweep.setObject(1, cutoff);
                sweep.setInt(2, limit);
                int swept = sweep.executeUpdate();
                connection.commit();
                return swept;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
