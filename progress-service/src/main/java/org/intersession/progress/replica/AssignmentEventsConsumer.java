package org.intersession.progress.replica;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReviewRecorded;
import org.intersession.platform.consume.ConsumerTransaction;
import org.intersession.platform.inbox.Inbox;

/** Keeps {@link TrackedAssignment} in step with assignment-service. */
@ApplicationScoped
public class AssignmentEventsConsumer {

    private static final String CONSUMER = "progress-service/assignment-events";

    private final ConsumerTransaction transaction;
    private final EventCodec codec;
    private final Inbox inbox;

    AssignmentEventsConsumer(ConsumerTransaction transaction, EventCodec codec, Inbox inbox) {
        this.transaction = transaction;
        this.codec = codec;
        this.inbox = inbox;
    }

    @Incoming("assignment-events")
    @Blocking
    public void consume(String record) {
        transaction.run(CONSUMER, () -> apply(record));
    }

    private void apply(String record) {
        CloudEvent event = codec.parse(record);
        if (!inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        if (event.hasType(ReviewRecorded.TYPE)) {
            remember(codec.data(event, ReviewRecorded.class));
        } else if (AssignmentSnapshot.TYPES.contains(event.type())) {
            track(codec.data(event, AssignmentSnapshot.class));
        }
    }

    private void remember(ReviewRecorded review) {
        if (ClientReview.findById(review.reviewId()) == null) {
            ClientReview seen = new ClientReview();
            seen.reviewId = review.reviewId();
            seen.clinicId = review.clinicId();
            seen.clientId = review.clientId();
            seen.sessionDate = review.sessionDate();
            seen.recordedAt = review.recordedAt();
            seen.persist();
        }
    }

    /** Every assignment event carries the whole state; an older snapshot than the one held is ignored. */
    private void track(AssignmentSnapshot snapshot) {
        TrackedAssignment tracked = TrackedAssignment.findById(snapshot.assignmentId());
        if (tracked == null) {
            tracked = new TrackedAssignment();
            tracked.assignmentId = snapshot.assignmentId();
            tracked.clinicId = snapshot.clinicId();
            tracked.clientId = snapshot.clientId();
            tracked.assignedAt = snapshot.changedAt();
        } else if (tracked.version > snapshot.version()) {
            return;
        }
        if ("PAUSED".equals(tracked.status) && !"PAUSED".equals(snapshot.status())) {
            // occurrences while paused were not asked of the client: the missed check resumes from here
            tracked.missedCheckedUntil = snapshot.changedAt();
        }
        // the schedule, zone or status may have changed: the missed-occurrence job works out the next window again
        tracked.missedNextWindowEnd = null;
        if ("CANCELLED".equals(snapshot.status()) && tracked.cancelledAt == null) {
            tracked.cancelledAt = snapshot.changedAt();
        }
        tracked.therapistId = snapshot.therapistId();
        tracked.title = snapshot.title();
        tracked.status = snapshot.status();
        tracked.timeZone = snapshot.timeZone();
        tracked.schedule = snapshot.schedule();
        tracked.fieldSchema = snapshot.fieldSchema();
        tracked.version = snapshot.version();
        tracked.persist();
    }
}
