package org.intersession.platform.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.platform.transaction.AfterCommit;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens that must stop working before they expire: every token of a deactivated user or a revoked API client,
 * and the tokens of a session that logged out or whose refresh token was replayed. A token is refused when it was
 * issued at or before its subject's or its session's revocation.
 * <p>
 * The list lives in each service's own table ({@code token_revocation}): the gateway writes it in the transaction
 * that revokes, the other services from the identity events. Each instance holds it in memory and reloads it every
 * {@code intersession.revocations.reload-interval} (1 s), so a revocation holds on every instance within seconds
 * without a query per request. Rows are kept as long as a token they cover could still be valid.
 */
@ApplicationScoped
public class TokenRevocations {

    private static final Logger LOG = Logger.getLogger(TokenRevocations.class);
    private static final String INSERT = "insert into token_revocation (subject_id, session_id, revoked_at, expires_at) values (?, ?, ?, ?)";

    /** What is revoked: subjects and sessions, each with the instant its tokens stopped working. */
    private record Snapshot(Map<UUID, Instant> subjects, Map<UUID, Instant> sessions) {
    }

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Duration keepFor;
    private volatile Snapshot current = new Snapshot(Map.of(), Map.of());

    TokenRevocations(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions,
                     @ConfigProperty(name = "intersession.revocations.keep-for", defaultValue = "24h") Duration keepFor) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.keepFor = keepFor;
    }

    /** How long a revocation is kept: access tokens must not live longer (the gateway checks its setting at start). */
    public Duration keepFor() {
        return keepFor;
    }

    /** Whether a token of this subject and session, issued at {@code issuedAt} (epoch seconds), was revoked since. */
    public boolean revoked(UUID subject, UUID session, long issuedAt) {
        Snapshot snapshot = current;
        return coveredBy(snapshot.subjects().get(subject), issuedAt)
                || session != null && coveredBy(snapshot.sessions().get(session), issuedAt);
    }

    /** Whether the token behind a long-lived answer has expired or been revoked since the answer began. */
    public boolean ended(CurrentCaller.Lifetime token) {
        return java.time.Instant.now().getEpochSecond() >= token.expiresAt()
                || revoked(token.subject(), token.session(), token.issuedAt());
    }

    /**
     * Records a revocation in the caller's transaction ({@code session} null: every token of the subject). Once that
     * commits it holds on this instance at once, and on the others at their next reload.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(UUID subject, UUID session, OffsetDateTime at) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, subject);
            insert.setObject(2, session);
            insert.setObject(3, at);
            insert.setObject(4, at.plus(keepFor));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("token revocation not recorded", e);
        }
        AfterCommit.run(transactions, () -> apply(subject, session, at.toInstant()));
    }

    /**
     * Reads every revocation still in force. What this instance already knows stays (a revocation is never undone),
     * so a revocation committed while the query ran is not lost; entries leave only when no token they cover can live.
     */
    @Scheduled(identity = "token-revocations-reload", every = "${intersession.revocations.reload-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void reload() {
        Map<UUID, Instant> subjects = new HashMap<>();
        Map<UUID, Instant> sessions = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select subject_id, session_id, revoked_at from token_revocation where expires_at > now()");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                UUID session = rows.getObject(2, UUID.class);
                Instant at = rows.getObject(3, OffsetDateTime.class).toInstant();
                (session == null ? subjects : sessions).merge(session == null ? rows.getObject(1, UUID.class) : session, at, TokenRevocations::later);
            }
        } catch (SQLException e) {
            // the database is away: keep what is known
            LOG.debugf("token revocations not reloaded: %s", e.toString());
            return;
        }
        merge(subjects, sessions);
    }

    @Scheduled(identity = "token-revocations-cleanup", every = "1h", delayed = "5m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deleteExpired() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from token_revocation where expires_at < now()")) {
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.debugf("expired token revocations not deleted: %s", e.toString());
        }
    }

    private void apply(UUID subject, UUID session, Instant at) {
        merge(session == null ? Map.of(subject, at) : Map.of(), session == null ? Map.of() : Map.of(session, at));
    }

    private synchronized void merge(Map<UUID, Instant> subjects, Map<UUID, Instant> sessions) {
        Instant forgotten = Instant.now().minus(keepFor);
        current = new Snapshot(merged(current.subjects(), subjects, forgotten), merged(current.sessions(), sessions, forgotten));
    }

    private static Map<UUID, Instant> merged(Map<UUID, Instant> known, Map<UUID, Instant> more, Instant forgotten) {
        Map<UUID, Instant> all = new HashMap<>(known);
        more.forEach((id, at) -> all.merge(id, at, TokenRevocations::later));
        all.values().removeIf(at -> at.isBefore(forgotten));
        return Map.copyOf(all);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** iat has whole seconds: a token issued within the second of the revocation counts as issued before it. */
    private static boolean coveredBy(Instant revokedAt, long issuedAt) {
        return revokedAt != null && issuedAt <= revokedAt.getEpochSecond();
    }
}
