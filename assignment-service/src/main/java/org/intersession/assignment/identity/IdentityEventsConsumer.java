package org.intersession.assignment.identity;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.inbox.Inbox;

/** Keeps this service's identity replica (care teams, client profiles) current from the gateway's identity events. */
@ApplicationScoped
public class IdentityEventsConsumer {

    private final EventCodec codec;
    private final Inbox inbox;
    private final IdentityReplica identity;

    IdentityEventsConsumer(EventCodec codec, Inbox inbox, IdentityReplica identity) {
        this.codec = codec;
        this.inbox = inbox;
        this.identity = identity;
    }

    @Incoming("identity-events")
    @Blocking
    @Transactional
    public void consume(String record) {
        CloudEvent event = codec.parse(record);
        if (inbox.firstDelivery("assignment-service/identity-events", event)) {
            identity.apply(event);
        }
    }
}
