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

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The CloudEvent types a clinic may subscribe to, and how each names its clinic. The clinic is read from the typed
 * payload the producing service wrote (never from the record key or a header), so an event reaches only the endpoints
 * of the clinic it belongs to. Identity events are not offered: they carry invitation tokens and contact details.
 */
public final class WebhookEventTypes {

    private static final Map<String, BiFunction<EventCodec, CloudEvent, UUID>> CLINIC_OF = new HashMap<>();

    static {
        AssignmentSnapshot.TYPES.forEach(type -> CLINIC_OF.put(type, (codec, e) -> codec.data(e, AssignmentSnapshot.class).clinicId()));
        CLINIC_OF.put(ReviewRecorded.TYPE, (codec, e) -> codec.data(e, ReviewRecorded.class).clinicId());
        CLINIC_OF.put(TemplateVersionPublished.TYPE, (codec, e) -> codec.data(e, TemplateVersionPublished.class).clinicId());
        CLINIC_OF.put(ProgressRecorded.TYPE, (codec, e) -> codec.data(e, ProgressRecorded.class).clinicId());
        CLINIC_OF.put(ProgressAmended.TYPE, (codec, e) -> codec.data(e, ProgressAmended.class).clinicId());
        CLINIC_OF.put(ProgressFlagged.TYPE, (codec, e) -> codec.data(e, ProgressFlagged.class).clinicId());
        CLINIC_OF.put(OccurrenceMissed.TYPE, (codec, e) -> codec.data(e, OccurrenceMissed.class).clinicId());
        CLINIC_OF.put(NotificationOutcome.SENT, (codec, e) -> codec.data(e, NotificationOutcome.class).clinicId());
        CLINIC_OF.put(NotificationOutcome.FAILED, (codec, e) -> codec.data(e, NotificationOutcome.class).clinicId());
    }

    /** Every type an endpoint may list in {@code eventTypes}. */
    public static final Set<String> SUBSCRIBABLE = Set.copyOf(CLINIC_OF.keySet());

    /** Webhook outcomes are not sent to webhooks: a failing endpoint subscribed to failures would feed itself. */
    static final String WEBHOOK_CHANNEL = "WEBHOOK";

    private WebhookEventTypes() {
    }

    /** The clinic whose endpoints may receive this event; empty if none may (unknown type, no clinic, or a webhook outcome). */
    static Optional<UUID> clinicOf(EventCodec codec, CloudEvent event) {
        BiFunction<EventCodec, CloudEvent, UUID> clinic = CLINIC_OF.get(event.type());
        if (clinic == null) {
            return Optional.empty();
        }
        if ((event.hasType(NotificationOutcome.SENT) || event.hasType(NotificationOutcome.FAILED))
                && WEBHOOK_CHANNEL.equals(codec.data(event, NotificationOutcome.class).channel())) {
            return Optional.empty();
        }
        return Optional.ofNullable(clinic.apply(codec, event));
    }
}
