package org.intersession.assignment.identity;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.consume.ConsumerTransaction;
import org.intersession.platform.inbox.Inbox;

/** Keeps this service's identity replica (care teams, client profiles) current from the gateway's identity events. */
@ApplicationScoped
public class IdentityEventsConsumer {

    private static final String CONSUMER = "assignment-service/identity-events";

    private final ConsumerTransaction transaction;
    private final Inbox inbox;
    private final IdentityReplica identity;

    IdentityEventsConsumer(ConsumerTransaction transaction, Inbox inbox, IdentityReplica identity) {
        this.transaction = transaction;
        this.inbox = inbox;
        this.identity = identity;
    }

    @Incoming("identity-events")
    @Blocking
    public void consume(String record) {
        transaction.run(CONSUMER, record, event -> {
            if (inbox.firstDelivery(CONSUMER, event)) {
                identity.apply(event);
            }
        });
    }
}
