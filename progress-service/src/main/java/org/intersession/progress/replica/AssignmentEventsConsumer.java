package org.intersession.progress.replica;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.assignment.AssignmentCreated;
import org.intersession.platform.inbox.Inbox;

/** Keeps {@link TrackedAssignment} in step with assignment-service. */
@ApplicationScoped
public class AssignmentEventsConsumer {

    private static final String CONSUMER = "progress-service/assignment-events";

    private final EventCodec codec;
    private final Inbox inbox;

    AssignmentEventsConsumer(EventCodec codec, Inbox inbox) {
        this.codec = codec;
        this.inbox = inbox;
    }

    @Incoming("assignment-events")
    @Blocking
    @Transactional
    public void consume(String record) {
        CloudEvent event = codec.parse(record);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        if (event.hasType(AssignmentCreated.TYPE)) {
            track(codec.data(event, AssignmentCreated.class));
        }
    }

    private void track(AssignmentCreated created) {
        if (TrackedAssignment.findById(created.assignmentId()) != null) {
            return;
        }
        TrackedAssignment tracked = new TrackedAssignment();
        tracked.assignmentId = created.assignmentId();
        tracked.clinicId = created.clinicId();
        tracked.clientId = created.clientId();
        tracked.therapistId = created.therapistId();
        tracked.title = created.title();
        tracked.assignedAt = created.createdAt();
        tracked.persist();
    }
}
