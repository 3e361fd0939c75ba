package org.intersession.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.transaction.AfterCommit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * Appends events to the outbox table. It must join the caller's transaction: the event commits or
 * rolls back with the state change it describes, and no request ever waits on Kafka.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;
    private final String source;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    Outbox(EventCodec codec, @ConfigProperty(name = "intersession.events.source") String source, OutboxRelay relay,
           TransactionSynchronizationRegistry transactions) {
        this.codec = codec;
        this.source = source;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * @param partitionKey the client the event concerns, so that one client's events stay in order
     * @param subject      the resource the event is about, such as {@code assignments/<id>}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent append(String topic, String partitionKey, String type, String subject, Object payload) {
        Objects.requireNonNull(partitionKey, "partitionKey");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), source, CloudEvent.SPEC_VERSION, type, subject,
                now, CloudEvent.JSON, codec.tree(payload));

        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = topic;
        row.partitionKey = partitionKey;
        row.type = type;
        row.envelope = codec.write(event);
        row.createdAt = now;
        row.persist();
        wakeRelayAfterCommit();
        return event;
    }

    /**
     * Once the transaction has committed, the relay publishes at once instead of at its next poll (which waits up
     * to a second): what a therapist sees of a client's entry then lags by milliseconds. Once per transaction.
     */
    private void wakeRelayAfterCommit() {
        if (transactions.getResource(Outbox.class) != null) {
            return;
        }
        transactions.putResource(Outbox.class, Boolean.TRUE);
        AfterCommit.run(transactions, relay::wake);
    }
}
