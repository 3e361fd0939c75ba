package org.intersession.notification.email;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.intersession.notification.notification.Notification;
import org.intersession.notification.preference.NotificationPreference;
import org.intersession.notification.preference.PreferencesInput;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.SealedPayloads;
import org.intersession.platform.event.identity.UserChanged;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Email as a second channel for what already went to the inbox: only with the user's consent (EMAIL among their
 * channels) and to the address the user events gave. The caller writes the text, which must carry no clinical detail
 * unless {@link #mayIncludeDetails} says the user allowed it; therapist alerts never carry answers.
 */
@ApplicationScoped
public class EmailChannel {

    private static final String DEACTIVATED = "DEACTIVATED";

    private final EmailQueue queue;
    private final EventCodec codec;
    private final SealedPayloads sealing;

    EmailChannel(EmailQueue queue, EventCodec codec, SealedPayloads sealing) {
        this.queue = queue;
        this.codec = codec;
        this.sealing = sealing;
    }

    /** notification-service cannot start without the events key: it opens every address and invitation. */
    void checkKey(@Observes StartupEvent started) {
        sealing.requireKey();
    }

    /** What this channel did, for the caller's own records: an email is queued, and sent by the {@link EmailDispatcher}. */
    public enum Outcome { QUEUED, NOT_CONSENTED, NO_ADDRESS }

    /** Keeps the address book in step with user events; events without an address or a clinic change nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) {
        if (!event.hasType(UserChanged.CREATED) && !event.hasType(UserChanged.UPDATED) && !event.hasType(UserChanged.DEACTIVATED)) {
            return;
        }
        UserChanged user = codec.data(event, UserChanged.class);
        if (user.userId() == null || user.clinicId() == null) {
            return;
        }
        String email = user.emailAddress(sealing);
        if (email == null || email.isBlank()) {
            return;
        }
        OffsetDateTime at = event.time() != null ? event.time() : OffsetDateTime.now(ZoneOffset.UTC);
        UserContact contact = UserContact.findById(user.userId());
        if (contact != null && contact.changedAt.isAfter(at)) {
            return;
        }
        if (contact == null) {
            contact = new UserContact();
            contact.userId = user.userId();
        }
        contact.clinicId = user.clinicId();
        contact.email = email.length() > 254 ? email.substring(0, 254) : email;
        contact.status = event.hasType(UserChanged.DEACTIVATED) ? DEACTIVATED
                : user.status() == null ? "ACTIVE" : user.status();
        contact.changedAt = at;
        contact.persist();
    }

    /** Whether the user (a client) allowed emails to name their homework. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean mayIncludeDetails(UUID userId) {
        NotificationPreference preference = NotificationPreference.findById(userId);
        return preference != null && preference.emailIncludesDetails;
    }

    /** Queues an email to the user about {@code notification}, if they consented and an address is known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome send(Notification notification, String subject, String text) {
        return send(notification.clinicId, notification.recipientId, notification.kind, "notification#" + notification.id, subject, text);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome send(UUID clinicId, UUID userId, String kind, String sourceId, String subject, String text) {
        NotificationPreference preference = NotificationPreference.findById(userId);
        if (preference == null || !preference.clinicId.equals(clinicId)
                || !preference.channels.contains(PreferencesInput.Channel.EMAIL)) {
            return Outcome.NOT_CONSENTED;
        }
        Optional<String> address = UserContact.<UserContact>findByIdOptional(userId)
                .filter(c -> c.clinicId.equals(clinicId) && !DEACTIVATED.equals(c.status))
                .map(c -> c.email);
        if (address.isEmpty()) {
            return Outcome.NO_ADDRESS;
        }
        queue.enqueue(sourceId, new EmailQueue.Email(clinicId, userId, kind, address.get(), subject, text));
        return Outcome.QUEUED;
    }
}
