package org.intersession.assignment.careteam;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.intersession.platform.careteam.CareTeams;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.inbox.Inbox;

/** Keeps this service's care-team replica current from the gateway's identity events. */
@ApplicationScoped
public class IdentityEventsConsumer {

    private final EventCodec codec;
    private final Inbox inbox;
    private final CareTeams careTeams;

    IdentityEventsConsumer(EventCodec codec, Inbox inbox, CareTeams careTeams) {
        this.codec = codec;
        this.inbox = inbox;
        this.careTeams = careTeams;
    }

    @Incoming("identity-events")
    @Blocking
    @Transactional
    public void consume(String record) {
        CloudEvent event = codec.parse(record);
        if (inbox.firstDelivery("assignment-service/identity-events", event)) {
            careTeams.apply(event);
        }
    }
}
