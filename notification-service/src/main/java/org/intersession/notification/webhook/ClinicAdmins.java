package org.intersession.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.platform.event.CloudEvent;
import org.intersession.platform.event.EventCodec;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.security.Role;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Who administers each clinic, kept from the gateway's user events; a deactivated or demoted user drops out. */
@ApplicationScoped
public class ClinicAdmins {

    private static final Set<String> USER_EVENTS = Set.of(UserChanged.CREATED, UserChanged.UPDATED, UserChanged.DEACTIVATED);

    private final EventCodec codec;

    ClinicAdmins(EventCodec codec) {
        this.codec = codec;
    }

    /** Applies a user event; other identity events are not this replica's business. Idempotent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) {
        if (!USER_EVENTS.contains(event.type())) {
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

    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> of(UUID clinicId) {
        return ClinicAdmin.<ClinicAdmin>list("clinicId", clinicId).stream().map(a -> a.userId).toList();
    }
}
