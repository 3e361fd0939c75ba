package org.intersession.notification.webhook;

import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.assignment.AssignmentSnapshot;
import org.intersession.platform.event.assignment.ReviewRecorded;
import org.intersession.platform.event.assignment.TemplateVersionPublished;
import org.intersession.platform.event.notification.NotificationOutcome;
import org.intersession.platform.event.progress.OccurrenceMissed;
import org.intersession.platform.event.progress.ProgressAmended;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.platform.event.progress.ProgressRecorded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The CloudEvent types a clinic may subscribe to: for each, its payload record, what it means, and how it names its
 * clinic. The clinic is read from the typed payload the producing service wrote (never from the record key or a
 * header), so an event reaches only the endpoints of the clinic it belongs to. Identity events are not offered: they
 * carry invitation tokens and contact details.
 */
public final class WebhookEventTypes {

    /** One subscribable type. */
    record EventType<T>(String type, Class<T> payload, Function<T, UUID> clinic, String description) {

        UUID clinicOf(EventCodec codec, CloudEvent event) {
            return clinic.apply(codec.data(event, payload));
        }
    }

    /** Every subscribable type, sorted by its type string. */
    static final List<EventType<?>> CATALOGUE;

    static {
        List<EventType<?>> types = new ArrayList<>();
        Map<String, String> assignment = Map.of(
                AssignmentSnapshot.CREATED, "A therapist, or an API client for one, assigned homework to a client.",
                AssignmentSnapshot.UPDATED, "An assignment was changed (title, schedule, reminder policy, fields).",
                AssignmentSnapshot.ACKNOWLEDGED, "The client acknowledged an assignment, which is now ACTIVE.",
                AssignmentSnapshot.PAUSED, "An assignment was paused: no occurrences, reminders or misses until it resumes.",
                AssignmentSnapshot.RESUMED, "A paused assignment was resumed.",
                AssignmentSnapshot.CANCELLED, "An assignment was cancelled.",
                AssignmentSnapshot.COMPLETED, "An assignment was marked completed.",
                AssignmentSnapshot.EXPIRED, "An assignment's schedule ran out.");
        assignment.forEach((type, description) -> types.add(new EventType<>(type, AssignmentSnapshot.class, AssignmentSnapshot::clinicId,
                description + " The data is the whole assignment as it is after the change.")));
        types.add(new EventType<>(ReviewRecorded.TYPE, ReviewRecorded.class, ReviewRecorded::clinicId,
                "A session review was recorded (never the therapist's notes)."));
        types.add(new EventType<>(TemplateVersionPublished.TYPE, TemplateVersionPublished.class, TemplateVersionPublished::clinicId,
                "A clinic published a new version of one of its templates."));
        types.add(new EventType<>(ProgressRecorded.TYPE, ProgressRecorded.class, ProgressRecorded::clinicId,
                "A client logged an occurrence of an assignment: its status, whether it was late, no answers."));
        types.add(new EventType<>(ProgressAmended.TYPE, ProgressAmended.class, ProgressAmended::clinicId,
                "A client corrected an entry."));
        types.add(new EventType<>(ProgressFlagged.TYPE, ProgressFlagged.class, ProgressFlagged::clinicId,
                "An answer crossed an alert rule the therapist set on a field; the answered value is in the data."));
        types.add(new EventType<>(OccurrenceMissed.TYPE, OccurrenceMissed.class, OccurrenceMissed::clinicId,
                "An occurrence's window closed without any entry."));
        types.add(new EventType<>(NotificationOutcome.SENT, NotificationOutcome.class, NotificationOutcome::clinicId,
                "A notification went out on a channel (in-app or email): its kind and recipient, never its text."));
        types.add(new EventType<>(NotificationOutcome.FAILED, NotificationOutcome.class, NotificationOutcome::clinicId,
                "A notification could not be sent on a channel, with the reason. Webhook outcomes are never sent to webhooks."));
        types.sort(Comparator.comparing(EventType::type));
        CATALOGUE = List.copyOf(types);
    }

    private static final Map<String, EventType<?>> BY_TYPE = CATALOGUE.stream().collect(Collectors.toMap(EventType::type, t -> t));

    /** Every type an endpoint may list in {@code eventTypes}. */
    public static final Set<String> SUBSCRIBABLE = Set.copyOf(BY_TYPE.keySet());

    /** Webhook outcomes are not sent to webhooks: a failing endpoint subscribed to failures would feed itself. */
    static final String WEBHOOK_CHANNEL = "WEBHOOK";

    private WebhookEventTypes() {
    }

    /** The clinic whose endpoints may receive this event; empty if none may (unknown type, no clinic, or a webhook outcome). */
    static Optional<UUID> clinicOf(EventCodec codec, CloudEvent event) {
        EventType<?> type = BY_TYPE.get(event.type());
        if (type == null) {
            return Optional.empty();
        }
        if ((event.hasType(NotificationOutcome.SENT) || event.hasType(NotificationOutcome.FAILED))
                && WEBHOOK_CHANNEL.equals(codec.data(event, NotificationOutcome.class).channel())) {
            return Optional.empty();
        }
        return Optional.ofNullable(type.clinicOf(codec, event));
    }
}
