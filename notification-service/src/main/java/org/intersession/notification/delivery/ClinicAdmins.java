package org.intersession.notification.delivery;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.intersession.notification.notification.Notification;
import org.intersession.notification.notification.NotificationWriter;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.consume.ConsumerTransaction;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.platform.inbox.Inbox;
import org.intersession.platform.security.Role;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who administers each clinic, kept from the gateway's user events; a deactivated or demoted user drops out. Its own
 * consumer group reads the identity topic from the earliest record kept, so admins made before webhooks existed are known.
 * They are told when a channel gives up on a delivery: a webhook endpoint disabled, an email that could not be sent.
 */
@ApplicationScoped
public class ClinicAdmins {

    public static final String CONSUMER = "notification-service/clinic-admins";
    private static final Set<String> USER_EVENTS = Set.of(UserChanged.CREATED, UserChanged.UPDATED, UserChanged.DEACTIVATED);

    private final ConsumerTransaction transaction;
    private final EventCodec codec;
    private final Inbox inbox;
    private final NotificationWriter writer;

    ClinicAdmins(ConsumerTransaction transaction, EventCodec codec, Inbox inbox, NotificationWriter writer) {
        this.transaction = transaction;
        this.codec = codec;
        this.inbox = inbox;
        this.writer = writer;
    }

    @Incoming("clinic-admin-events")
    @Blocking
    public void consume(String record) {
        transaction.run(CONSUMER, record, this::apply);
    }

    private void apply(CloudEvent event) {
        if (!USER_EVENTS.contains(event.type()) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        UserChanged user = codec.data(event, UserChanged.class);
        boolean admin = Role.CLINIC_ADMIN.name().equals(user.role()) && !"DEACTIVATED".equals(user.status())
                && !event.hasType(UserChanged.DEACTIVATED);
        ClinicAdmin known = ClinicAdmin.findById(user.userId());
        if (admin && known == null) {
            ClinicAdmin added = new ClinicAdmin();
            added.userId = user.userId();
            added.clinicId = user.clinicId();
            added.persist();
        } else if (!admin && known != null) {
            known.delete();
        }
    }

    /** The admins of the current clinic (the tenancy wall's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> of() {
        return ClinicAdmin.<ClinicAdmin>listAll().stream().map(a -> a.userId).toList();
    }

    /**
     * A HIGH priority notification to every admin of the current clinic; {@code sourceId} makes it once per admin and
     * cause. Runs in that clinic's scope ({@link Tenancy#inClinic}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tell(String kind, String title, String body, String sourceId) {
        UUID clinicId = Tenancy.clinicId();
        for (UUID admin : of()) {
            if (Notification.count("recipientId = ?1 and kind = ?2 and sourceEventId = ?3", admin, kind, sourceId) == 0) {
                writer.write(clinicId, admin, kind, "HIGH", title, body, sourceId);
            }
        }
    }
}
