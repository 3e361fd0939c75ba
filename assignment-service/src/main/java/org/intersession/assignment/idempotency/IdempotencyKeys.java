package org.intersession.assignment.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.web.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The IETF Idempotency-Key draft for POSTs that create: a key belongs to its caller; a retry with the same body gets
 * the first result again, the same key with another body is a 422, and a retry while the first is still running
 * waits for it on the key's row, then finds its result.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final EntityManager em;
    private final ObjectMapper mapper;

    IdempotencyKeys(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /**
     * Claims the key in the caller's transaction. @return the id made by an earlier request with this key and body,
     * or empty if this request is the first and should go ahead (then call {@link #complete}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> claim(UUID clinicId, UUID callerId, String key, Object request) {
        if (!VALID.matcher(key).matches()) {
            throw ApiProblemException.invalidField("Idempotency-Key", "1 to 200 visible ASCII characters");
        }
        String hash = hash(request);
        int inserted = em.createNativeQuery("""
                        insert into idempotency_key (clinic_id, caller_id, idempotency_key, request_hash, created_at)
                        values (:clinic, :caller, :key, :hash, :now) on conflict do nothing""")
                .setParameter("clinic", clinicId).setParameter("caller", callerId).setParameter("key", key).setParameter("hash", hash)
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        IdempotencyKey existing = em.find(IdempotencyKey.class, new IdempotencyKey.Key(callerId, key));
        if (!existing.requestHash.equals(hash)) {
            throw new ApiProblemException(422, "This Idempotency-Key was used with a different request body");
        }
        if (existing.resourceId == null) {
            throw ApiProblemException.conflict("A request with this Idempotency-Key is still being processed");
        }
        return Optional.of(existing.resourceId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(UUID callerId, String key, UUID resourceId) {
        em.find(IdempotencyKey.class, new IdempotencyKey.Key(callerId, key)).resourceId = resourceId;
    }

    /**
     * The hash of the request as parsed, in canonical JSON: the same request written with its members in another
     * order, or a bound of 5 written 5.0, is the same request, not another body under the same key.
     */
    private String hash(Object request) {
        try {
            byte[] body = CanonicalJson.write(mapper.valueToTree(request)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
