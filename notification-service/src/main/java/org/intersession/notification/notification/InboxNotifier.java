package org.intersession.notification.notification;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.platform.event.progress.ProgressRecorded;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.notification.digest.TherapistDigests;
import org.intersession.notification.email.EmailChannel;
import org.intersession.notification.preference.NotificationPreference;
import org.intersession.notification.preference.PreferencesInput;
import org.intersession.notification.reminder.Reminders;
import org.intersession.platform.event.progress.OccurrenceMissed;
import org.intersession.platform.consume.ConsumerTransaction;
import org.intersession.platform.inbox.Inbox;
import org.intersession.platform.tenancy.Tenancy;

import java.util.UUID;

/**
 * Turns domain events into in-app notifications: the client hears of new homework, the therapist of logged work.
 * Texts name no clinical detail; the apps show that after the user opens the item.
 */
@ApplicationScoped
public class InboxNotifier {

    private static final String ASSIGNMENT_CONSUMER = "notification-service/assignment-events";
    private static final String PROGRESS_CONSUMER = "notification-service/progress-events";

    private final ConsumerTransaction transaction;
    private final EventCodec codec;
    private final Inbox inbox;
    private final NotificationWriter writer;
    private final Reminders reminders;

    private final EntityManager em;
    private final EmailChannel email;
    private final TherapistDigests digests;
    private final int missedInARow;
    private final String inboxUrl;

    InboxNotifier(ConsumerTransaction transaction, EventCodec codec, Inbox inbox, NotificationWriter writer, Reminders reminders, EntityManager em,
                  EmailChannel email, TherapistDigests digests, @ConfigProperty(name = "intersession.alerts.missed-in-a-row") int missedInARow,
                  @ConfigProperty(name = "intersession.notification.inbox-url") String inboxUrl) {
        this.transaction = transaction;
        this.codec = codec;
        this.inbox = inbox;
        this.writer = writer;
        this.reminders = reminders;
        this.em = em;
        this.email = email;
        this.digests = digests;
        this.missedInARow = missedInARow;
        this.inboxUrl = inboxUrl;
    }

    /** Therapists choose to hear of each completion (the default), in a daily digest, or not at all. */
    private static boolean wantsEachCompletion(UUID therapistId) {
        NotificationPreference preference = NotificationPreference.findById(therapistId);
        return preference == null || preference.completionDelivery == PreferencesInput.CompletionDelivery.EACH;
    }

    @Incoming("assignment-events")
    @Blocking
    public void onAssignmentEvent(String record) {
        transaction.run(ASSIGNMENT_CONSUMER, record, this::assignmentEvent);
    }

    private void assignmentEvent(CloudEvent event) {
        if (!inbox.firstDelivery(ASSIGNMENT_CONSUMER, event)) {
            return;
        }
        if (AssignmentSnapshot.TYPES.contains(event.type())) {
            reminders.plan(codec.data(event, AssignmentSnapshot.class));
        }
        if (event.hasType(AssignmentSnapshot.CREATED)) {
            AssignmentSnapshot created = codec.data(event, AssignmentSnapshot.class);
            notify(event, created.clinicId(), created.clientId(), "assignment.created", "NORMAL",
                    "New homework: " + created.title(), "Your therapist gave you new homework.");
        }
    }

    @Incoming("progress-events")
    @Blocking
    public void onProgressEvent(String record) {
        transaction.run(PROGRESS_CONSUMER, record, this::progressEvent);
    }

    private void progressEvent(CloudEvent event) {
        if (!inbox.firstDelivery(PROGRESS_CONSUMER, event)) {
            return;
        }
        if (event.hasType(ProgressRecorded.TYPE)) {
            ProgressRecorded recorded = codec.data(event, ProgressRecorded.class);
            reminders.occurrenceLogged(recorded.assignmentId(), recorded.occurrenceKey());
            em.createNativeQuery("delete from missed_streak where clinic_id = :c and assignment_id = :a")
                    .setParameter("c", Tenancy.clinicId()).setParameter("a", recorded.assignmentId()).executeUpdate();
            digests.record(recorded.therapistId(), recorded.clientId(),
                    "SKIPPED".equals(recorded.status()) ? TherapistDigests.Item.SKIPPED : TherapistDigests.Item.COMPLETED, sourceOf(event));
            if (!"SKIPPED".equals(recorded.status()) && wantsEachCompletion(recorded.therapistId())) {
                notify(event, recorded.clinicId(), recorded.therapistId(), "progress.recorded", "NORMAL",
                        "A client logged homework", "Status: " + recorded.status() + (recorded.late() ? " (late)" : ""));
            }
        } else if (event.hasType(OccurrenceMissed.TYPE)) {
            OccurrenceMissed missed = codec.data(event, OccurrenceMissed.class);
            digests.record(missed.therapistId(), missed.clientId(), TherapistDigests.Item.MISSED, sourceOf(event));
            int inARow = ((Number) em.createNativeQuery("""
                            insert into missed_streak (assignment_id, clinic_id, missed) values (:a, :c, 1)
                            on conflict (assignment_id) do update set missed = missed_streak.missed + 1 returning missed""")
                    .setParameter("a", missed.assignmentId()).setParameter("c", Tenancy.clinicId()).getSingleResult()).intValue();
            if (inARow == missedInARow) {
                alert(notify(event, missed.clinicId(), missed.therapistId(), "occurrences.missed", "NORMAL",
                        "Homework missed " + inARow + " times in a row", "A client has not logged their homework lately."),
                        "A client has not logged their homework lately.");
            }
        } else if (event.hasType(ProgressFlagged.TYPE)) {
            ProgressFlagged flagged = codec.data(event, ProgressFlagged.class);
            digests.record(flagged.therapistId(), flagged.clientId(), TherapistDigests.Item.FLAGGED, sourceOf(event));
            alert(notify(event, flagged.clinicId(), flagged.therapistId(), "progress.flagged", "HIGH",
                    "Flagged answer: " + flagged.fieldLabel(),
                    (flagged.message() == null ? "An answer crossed the alert you set." : flagged.message())
                            + " Open the entry to see it."),
                    "A client's answer needs your attention.");
        }
    }

    private Notification notify(CloudEvent event, UUID clinicId, UUID recipientId, String kind, String priority, String title, String body) {
        return writer.write(clinicId, recipientId, kind, priority, title, body, sourceOf(event));
    }

    private static String sourceOf(CloudEvent event) {
        return event.source() + "#" + event.id();
    }

    /** The therapist's alert by email too, if they chose email: never the answer, field, message or client, only a link. */
    private void alert(Notification notification, String what) {
        email.send(notification, "Intersession: " + what.replace(".", "").toLowerCase(java.util.Locale.ROOT),
                what + "\n\nOpen it in Intersession: " + inboxUrl + notification.id + "\n");
    }
}
