package org.intersession.platform.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.tenancy.Tenancy;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The stored creates of one service, in its own database. A key is claimed in a transaction of its own, before the
 * create runs (the platform's own table: no clinic's data is read, so no access rule is needed yet); the create and
 * its stored answer then commit together, so a key whose answer is missing created nothing. A retry meanwhile waits
 * for the answer, up to {@link IdempotencyConfig#inFlightWait()}, then is a 409.
 */
@ApplicationScoped
public class IdempotentRequests {

    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final EntityManager em;
    private final IdempotencyConfig config;

    IdempotentRequests(EntityManager em, IdempotencyConfig config) {
        this.em = em;
        this.config = config;
    }

    /**
     * @return the earlier request with this key and its answer; empty if this request now holds the key (then
     * {@link #complete} in the create's transaction, or {@link #release}).
     */
    public Optional<IdempotentRequest> claim(UUID clinicId, String caller, String key, String requestHash) {
        long deadline = System.nanoTime() + config.inFlightWait().toNanos();
        while (true) {
            Optional<IdempotentRequest> earlier = ownTransaction(() -> insertOrFind(clinicId, caller, key, requestHash));
            if (earlier.isEmpty()) {
                return earlier;
            }
            if (!earlier.get().requestHash.equals(requestHash)) {
                throw new ApiProblemException(422, "This Idempotency-Key was used with a different request",
                        List.of(new Problem.FieldError(IdempotentCreateInterceptor.HEADER,
                                "was used with another body or path; use a new key for a new request")));
            }
            if (earlier.get().responseStatus != null) {
                return earlier;
            }
            if (System.nanoTime() > deadline) {
                throw new ApiProblemException(409, "A request with this Idempotency-Key is still being processed; retry shortly");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiProblemException(409, "A request with this Idempotency-Key is still being processed; retry shortly");
            }
        }
    }

    private Optional<IdempotentRequest> insertOrFind(UUID clinicId, String caller, String key, String requestHash) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // an expired key is free again, whether or not the pruning job has removed it yet; so is an abandoned claim
        em.createNativeQuery("""
                        delete from idempotent_request
                        where clinic_id = :clinic and caller = :caller and idempotency_key = :key
                          and (created_at < :expired or (response_status is null and created_at < :abandoned))""")
                .setParameter("clinic", clinicId).setParameter("caller", caller).setParameter("key", key)
                .setParameter("expired", now.minus(config.retention()))
                .setParameter("abandoned", now.minus(config.abandonedAfter())).executeUpdate();
        int inserted = em.createNativeQuery("""
                        insert into idempotent_request (clinic_id, caller, idempotency_key, request_hash, created_at)
                        values (:clinic, :caller, :key, :hash, :now) on conflict do nothing""")
                .setParameter("clinic", clinicId).setParameter("caller", caller).setParameter("key", key)
                .setParameter("hash", requestHash).setParameter("now", now).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        IdempotentRequest earlier = find(clinicId, caller, key);
        if (earlier == null) {
            // it went between the insert and the read (released, or expired); the next round claims it
            earlier = new IdempotentRequest();
            earlier.requestHash = requestHash;
        }
        return Optional.of(earlier);
    }

    private IdempotentRequest find(UUID clinicId, String caller, String key) {
        List<?> rows = em.createNativeQuery("""
                        select request_hash, response_status, response_location, response_etag, response_body
                        from idempotent_request where clinic_id = :clinic and caller = :caller and idempotency_key = :key""")
                .setParameter("clinic", clinicId).setParameter("caller", caller).setParameter("key", key).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        IdempotentRequest found = new IdempotentRequest();
        found.requestHash = (String) row[0];
        found.responseStatus = row[1] == null ? null : ((Number) row[1]).intValue();
        found.responseLocation = (String) row[2];
        found.responseEtag = (String) row[3];
        found.responseBody = (String) row[4];
        return found;
    }

    /** Keeps the answer with the key, in the create's own transaction: both commit, or neither. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(UUID clinicId, String caller, String key, int status, String location, String etag, String body) {
        em.createNativeQuery("""
                        update idempotent_request
                        set response_status = :status, response_location = :location, response_etag = :etag, response_body = :body
                        where clinic_id = :clinic and caller = :caller and idempotency_key = :key""")
                .setParameter("status", status).setParameter("location", location).setParameter("etag", etag)
                .setParameter("body", body)
                .setParameter("clinic", clinicId).setParameter("caller", caller).setParameter("key", key).executeUpdate();
    }

    /** A create that failed or answered an error keeps nothing: the key is free for a corrected retry. */
    public void release(UUID clinicId, String caller, String key) {
        ownTransaction(() -> em.createNativeQuery("""
                        delete from idempotent_request
                        where clinic_id = :clinic and caller = :caller and idempotency_key = :key and response_status is null""")
                .setParameter("clinic", clinicId).setParameter("caller", caller).setParameter("key", key).executeUpdate());
    }

    /** Keys past their retention go; a retry after that is a new request. */
    @Scheduled(identity = "idempotency-prune", every = "${intersession.idempotency.prune-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        int pruned = pruneOlderThan(OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()));
        if (pruned > 0) {
            LOG.debugf("pruned %d expired idempotency keys", pruned);
        }
    }

    public int pruneOlderThan(OffsetDateTime cutoff) {
        return ownTransaction(() -> em.createNativeQuery("delete from idempotent_request where created_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
    }

    /**
     * In a transaction apart from the request's. Every statement names the caller's clinic but the pruning one, which
     * deletes every clinic's expired keys by age and reads nothing (listed in each service's TenancyWallTest).
     */
    private <T> T ownTransaction(java.util.function.Supplier<T> work) {
        return Tenancy.withoutClinic(() -> QuarkusTransaction.requiringNew().call(work::get));
    }
}
