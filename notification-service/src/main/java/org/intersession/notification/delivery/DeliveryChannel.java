package org.intersession.notification.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One outbound channel (webhooks, email) as the {@link DeliveryDispatcher} drives it. Its delivery table has the
 * columns {@code id, status, attempts_in_round, next_attempt_at, lease_until, lease_token}; its attempt table
 * {@code id, delivery_id, at, response_status, error, duration_ms}.
 *
 * @param <M> what one send needs, read from the delivery row when it is claimed
 */
public interface DeliveryChannel<M> {

    /** A claimed delivery, the clinic it belongs to (its outcome is recorded in that clinic only), and what to send. */
    record Claimed<M>(UUID deliveryId, UUID clinicId, M message) {
    }

    /** Names the channel in logs and thread names, such as {@code webhook}. */
    String name();

    String deliveryTable();

    String attemptTable();

    /** The status a delivery gets once sent; a channel keeps its own word for it. */
    String sentStatus();

    /** SQL joined to the delivery (alias {@code d}) when claiming, such as its endpoint; empty for none. */
    default String claimJoin() {
        return "";
    }

    /** More conditions on a claimable delivery, starting with {@code and}; empty for none. */
    default String claimCondition() {
        return "";
    }

    /** Deliveries claimed per round, and sent in parallel. */
    int batchSize();

    /** How long a claim holds: longer than one send can take, so that only a crashed instance's claim runs out. */
    Duration lease();

    RetryPolicy retryPolicy();

    /**
     * In the claiming transaction, which spans every clinic: what to send for each claimed id, each naming its clinic. An id left out stays leased until the lease runs
     * out and is tried again then, without holding up the others.
     */
    List<Claimed<M>> load(List<UUID> ids, OffsetDateTime now);

    /** Outside any transaction, holding no lock: one attempt, which must end within the lease and never throw. */
    SendOutcome send(M message);

    /** In the transaction that recorded the successful attempt, in the delivery's clinic. */
    void sent(Claimed<M> claimed, SendOutcome outcome);

    /** In the transaction that recorded the last failed attempt, in the delivery's clinic; the delivery is FAILED. */
    void gaveUp(Claimed<M> claimed, int attempts, SendOutcome outcome);
}
